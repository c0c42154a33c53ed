rsvp-title = Participation
rsvp-seats_left = { $n ->
        [one] { $n } place restante
       *[other] { $n } places restantes
    } sur { $capacity }
rsvp-full = Complet — les nouvelles inscriptions rejoignent la liste d'attente.
rsvp-unlimited = Places illimitées
rsvp-going_count = { $n ->
        [one] { $n } participant
       *[other] { $n } participants
    }
rsvp-waitlist_count = { $n } en liste d'attente
rsvp-you_going = Vous participez.
rsvp-you_going_guests = Vous participez avec { $n ->
        [one] { $n } invité
       *[other] { $n } invités
    }.
rsvp-you_waitlisted = Vous êtes en liste d'attente, position { $n }.
rsvp-you_not_going = Vous avez indiqué ne pas venir.
rsvp-question = Venez-vous ?
rsvp-guests = Invités
rsvp-guests_hint = Personnes qui vous accompagnent (0 à 5).
rsvp-yes = Oui, je viens
rsvp-update = Mettre à jour
rsvp-no = Non, je ne viens pas
answer-confirm_going = Confirmez que vous venez : une place vous est réservée s'il en reste, sinon vous passez en liste d'attente.
answer-confirm_release = Confirmez que vous ne venez plus : votre place ira à la première personne de la liste d'attente.
answer-going_submit = Oui, je viens
answer-release_submit = Libérer ma place
answer-released = C'est noté : vous ne venez pas. Merci d'avoir libéré votre place.
answer-see_meetup = Voir la rencontre
rsvp-closed = Les inscriptions sont closes.
rsvp-release_open = Vous pouvez encore libérer votre place jusqu'au début : elle ira à la personne suivante sur la liste d'attente.
rsvp-release = Libérer ma place
rsvp-leave_waitlist = Quitter la liste d'attente
rsvp-fewer_guests = Venir avec moins d'invités
rsvp-cancelled = Cette rencontre est annulée.
rsvp-attendees = Participants
rsvp-waitlist = Liste d'attente
rsvp-names_for_members = Les noms des participants sont visibles des membres du groupe connectés.
rsvp-nobody = Personne pour l'instant.
rsvp-plus_guests = +{ $n }
rsvp-saved_going = C'est noté : vous participez !
rsvp-saved_waitlisted = La rencontre est complète : vous êtes en liste d'attente, position { $n }.
rsvp-saved_not_going = C'est noté : vous ne venez pas.
checkin-title = Pointage des présents
checkin-link = Pointer les présents
checkin-help = Le pointage ouvre 2 heures avant le début : pointez les personnes à leur arrivée, ou laissez-les se pointer avec le code de l'entrée.
checkin-came = Présent·e
checkin-saved = Pointage enregistré.
checkin-back = Retour à la rencontre
checkin-guests = Invités
checkin-sheet = Feuille d'émargement
checkin-csv = Télécharger la liste (CSV)
checkin-print = Imprimez cette page depuis votre navigateur : seule la liste est imprimée.
csv-name = Nom
csv-email = E-mail
csv-guests = Invités
csv-attended = Présent
rsvp-guests_hint_fit = Il reste de la place pour vous et { $n ->
        [one] { $n } invité
       *[other] { $n } invités
    } ; un groupe plus grand attend sur la liste d'attente.
rsvp-guests_hint_going = Jusqu'à { $n ->
        [one] { $n } invité
       *[other] { $n } invités
    } : ce qui reste de places.
rsvp-guests_hint_full = C'est complet : vous rejoignez la liste d'attente avec vos invités.
rsvp-guests_hint_one = Il reste une seule place : pour vous, sans invité ; à plusieurs, vous attendriez sur la liste d'attente.
seats-reconfirm_before = Demander « Vous venez toujours ? » avant le début
seats-reconfirm_before_hint = Par exemple 48h ou 2d : le rappel envoyé à ce moment demande aux participants de confirmer en un clic. Vide : jamais.
seats-auto_release_before = Donner les places non confirmées à la liste d'attente avant le début
seats-auto_release_before_hint = Par exemple 24h, plus court que ci-dessus : les participants qui ont reçu « Vous venez toujours ? » sans répondre perdent leur place et apprennent comment se réinscrire. Vide : jamais.
rsvp-join_waitlist = Rejoindre la liste d'attente
rsvp-waitlist_automatic = Dès qu'une place se libère, elle vous est attribuée automatiquement, dans l'ordre d'arrivée, et nous vous écrivons.
answer-confirm_leave_waitlist = Confirmez que vous quittez la liste d'attente : vous n'aurez pas de place quand une se libérera.
answer-leave_waitlist_submit = Quitter la liste d'attente
answer-confirm_coming = Vous venez toujours ? Confirmez-le et votre place reste à vous.
answer-coming_submit = Oui, je viens
answer-confirm_fewer_guests = Combien d'invités viennent encore avec vous ? Les places libérées iront à la liste d'attente.
answer-fewer_guests_submit = Mettre à jour mes invités
answer-seat_confirmed = Merci : votre place est confirmée.
checkin-confirmed = a confirmé
rsvp-with_account = Répondre avec un compte
rsvp-guest_question = Vous venez ? Pas besoin de compte
rsvp-guest_name = Votre nom
rsvp-guest_name_hint = Les autres ne voient que votre prénom.
rsvp-guest_email_hint = Nous vous envoyons un lien pour confirmer votre réponse : elle vous réserve une place une fois confirmée.
rsvp-guest_keep_informed = M'envoyer aussi les prochaines rencontres du groupe
rsvp-guest_sent = Presque fini : suivez le lien que nous venons de vous envoyer par e-mail pour confirmer votre réponse (dans les 24 heures).
guest-answer_again = Retour à l'accueil
rsvp-bar_going = Vous participez
rsvp-bar_waiting = En liste d'attente
rsvp-bar_change = Modifier ma réponse
checkin-code_title = Pointage en autonomie
checkin-code_help = À afficher à l'entrée : les participants scannent le QR code, ou ouvrent la page de pointage de la rencontre et saisissent le code.
checkin-code_label = Code de l'entrée :
checkin-qr_label = QR code qui ouvre la page de pointage avec le code de l'entrée
checkin-search = Chercher un nom
checkin-search_submit = Chercher
checkin-search_clear = Afficher tout le monde
checkin-none_found = Personne à ce nom.
checkin-party_came = { $came } sur { $party } sont là
checkin-how_many = Combien de personnes sont là ?
checkin-mark = Pointer
checkin-undo = Annuler le pointage
checkin-total = Personnes pointées : { $came }, et { $walk_ins } sans inscription.
checkin-not_open = Le pointage ouvre 2 heures avant le début.
checkin-walk_ins = Sans inscription
checkin-walk_in_badge = sans inscription
checkin-walk_in_help = Une personne vient sans inscription ? Ajoutez-la ici : elle compte en plus de la capacité.
checkin-walk_in_name = Nom
checkin-walk_in_email = E-mail (facultatif)
checkin-walk_in_submit = Ajouter
checkin-walk_in_added = { $name } est sur la liste, sans inscription.
selfcheckin-title = Pointage
selfcheckin-help = Saisissez le code affiché à l'entrée.
selfcheckin-code = Code de l'entrée
selfcheckin-submit = Me pointer
selfcheckin-done = C'est noté, votre présence est enregistrée : bonne rencontre !
selfcheckin-not_going = Seules les personnes inscrites peuvent se pointer : demandez à l'entrée.
attendance-title = Présence (12 mois)
attendance-summary = présence { $attended } sur { $going } · absences : { $no_shows } · désistements tardifs : { $late }

## Show-rate page
stats-title = Taux de présence
stats-help = Pour chaque rencontre : les places prises au début, combien de personnes ont été pointées à l'entrée, qui venait pour la première fois et comment la liste d'attente a bougé. Des nombres seulement, personne n'est nommé.
stats-from = Du
stats-to = Au
stats-show = Afficher
stats-none = Aucune rencontre entre ces dates.
stats-caption = Rencontres entre ces dates, la plus ancienne d'abord
stats-chart = Places prises au début et personnes pointées, par rencontre
stats-meetup = Rencontre
stats-going = Inscrits au début
stats-checked_in = Pointés
stats-show_rate = Taux de présence
stats-first_timers = Premières venues
stats-returning = Habitués
stats-waitlist = Liste d'attente au début
stats-released = Places libérées
stats-promoted = Promus
stats-csv = Télécharger en CSV
stats-rate = { $rate } %
stats-link = Taux de présence
