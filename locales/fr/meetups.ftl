error-duration_invalid = La durée doit être comprise entre 5 et 120 minutes.
error-position_invalid = Position invalide : choisissez une place entre 1 et le nombre d'exposés acceptés.
error-position_not_accepted = Seuls les exposés acceptés ont une place dans le programme.
error-talk_status_invalid = Le statut doit être accepted, rejected ou proposed.
error-meetup_invalid = Cette rencontre n'appartient pas au groupe.

talks-programme = Programme
talks-programme_empty = Le programme n'est pas encore publié.
talks-programme_line = { $time } — { $title } ({ $speaker }, { $minutes } min)
talks-programme_line_no_speaker = { $time } — { $title } ({ $minutes } min)
talks-propose = Proposer un exposé
talks-propose_submit = Envoyer ma proposition
talks-proposals = Propositions d'exposés
talks-my_proposals = Mes propositions
talks-title = Titre
talks-abstract = Résumé
talks-duration = Durée (minutes)
talks-duration_hint = Entre 5 et 120 minutes.
talks-speaker_name = Orateur ou oratrice (si ce n'est pas vous)
talks-position = Place dans le programme
talks-minutes = { $minutes } min
talks-by = par { $name }
talks-status-proposed = Proposé
talks-status-accepted = Accepté
talks-status-rejected = Refusé
talks-status-withdrawn = Retiré
talks-edit = Modifier
talks-save = Enregistrer
talks-accept = Accepter
talks-reject = Refuser
talks-reopen = Rouvrir la décision
talks-move = Déplacer
talks-withdraw = Retirer
talks-proposed_flash = Merci ! Votre proposition a été envoyée aux organisateurs.
talks-decided_flash = Décision enregistrée.
talks-withdrawn_flash = L'exposé a été retiré.

venue_suggestions-title = Lieux suggérés
venue_suggestions-empty = Aucune suggestion de lieu pour l'instant.
venue_suggestions-suggest = Suggérer un lieu
venue_suggestions-suggest_submit = Envoyer la suggestion
venue_suggestions-name = Nom du lieu
venue_suggestions-address = Adresse
venue_suggestions-url = Site web
venue_suggestions-note = Pourquoi ce lieu ?
venue_suggestions-for_meetup = Pour la rencontre
venue_suggestions-any_meetup = Pour une prochaine rencontre
venue_suggestions-votes = { $count ->
        [one] { $count } vote
       *[other] { $count } votes
    }
venue_suggestions-vote = Voter pour ce lieu
venue_suggestions-unvote = Retirer mon vote
venue_suggestions-accept = Accepter ce lieu
venue_suggestions-decline = Décliner
venue_suggestions-suggested_by = Suggéré par { $name }
messages-write_to_participants = Écrire aux participants
messages-write_to_members = Écrire aux membres
messages-help = Votre message part par e-mail, en texte simple ; les liens deviennent cliquables. Les membres qui ont coupé les messages de ce groupe ne le reçoivent pas.
messages-audience = Destinataires
messages-audience-going = Participants
messages-audience-waitlisted = Liste d'attente
messages-audience-attended = Personnes venues
messages-audience-all_members = Tous les membres du groupe
messages-subject = Objet
messages-body = Message
messages-body_hint = Texte simple, sans mise en forme.
messages-no_replies = Pas de réponses : les membres ne peuvent pas répondre à ce mail (sinon, leurs réponses arrivent à votre adresse)
messages-replies = Réponses
messages-replies_to_you = À votre adresse
messages-replies_none = Aucune : les membres ne peuvent pas répondre à ce mail
messages-preview_submit = Prévisualiser
messages-preview = Aperçu
messages-recipients_count = Ce message partira à { $n ->
        [one] { $n } membre
       *[other] { $n } membres
    }.
messages-send = Envoyer
messages-edit = Modifier
messages-sent = Messages envoyés
messages-none_sent = Aucun message envoyé pour l'instant.
messages-sent_to = envoyé à { $n ->
        [one] { $n } membre
       *[other] { $n } membres
    }
messages-sent_flash = Message envoyé à { $n ->
        [one] { $n } membre
       *[other] { $n } membres
    }.
meetups-add_google = Google Agenda
meetups-add_outlook = Outlook.com
meetups-rsvps_close = Inscriptions jusqu'au { $when }
meetups-organisation = Organisation
meetups-delete = Supprimer
meetups-delete_title = Supprimer la rencontre ?
meetups-delete_text = Elle disparaît sans laisser de trace. Ce n'est possible que si personne n'y a répondu, n'y a proposé d'exposé et qu'aucun compte rendu n'existe ; sinon, annulez-la.
meetups-delete_confirm = Oui, supprimer
meetups-deleted_flash = Rencontre supprimée.
meetups-calendar = Dans votre agenda
talks-edit_title = Modifier ma proposition
talks-edited_flash = Proposition modifiée.

# Series: the rule in words, and the series page.
series-every_day = { $interval ->
        [1] tous les jours
       *[other] tous les { $interval } jours
    } à { $time }
series-every_week = { $interval ->
        [1] chaque { $days }
       *[other] toutes les { $interval } semaines, le { $days }
    } à { $time }
series-every_month_nth = le { $nth ->
        [1] premier
        [2] deuxième
        [3] troisième
        [4] quatrième
       *[other] dernier
    } { $day } du mois à { $time }
series-every_month_day = le { $day } de chaque mois à { $time }
series-by_rule = selon la règle { $rule }
series-and = et
series-of_group = Séries de rencontres
series-title = Série
series-part_of = Fait partie d'une série : { $rule }.
series-upcoming = À venir
series-past = Rencontres passées
series-none_upcoming = Aucune rencontre à venir.
series-none_past = Aucune rencontre passée pour l’instant.
series-ended = Cette série est terminée : plus de nouvelles rencontres.
series-skip = Sauter cette date
series-skipped_flash = Date sautée : la rencontre est annulée et la série continue.
series-end = Terminer la série
series-ended_flash = Série terminée : aucune nouvelle rencontre ne sera programmée.
series-repeat = Répéter
series-repeat_hint = Une série garde ses trois prochaines rencontres programmées et ajoute les suivantes au fil du temps.
series-repeat-none = Ne se répète pas
series-repeat-weekly = Chaque semaine
series-repeat-biweekly = Toutes les deux semaines
series-repeat-monthly_nth = Chaque mois, le même jour de la même semaine (par exemple le deuxième mardi)
series-repeat-monthly_last = Chaque mois, le dernier de ces jours
series-created = Série créée : ses prochaines rencontres sont programmées.
talks-link_kind-slides = Diapositives
talks-link_kind-video = Vidéo
talks-link_kind-code = Code
talks-link_kind-other = Lien
error-talk_links_invalid = Au plus 10 liens, chacun avec un type (diapositives, vidéo, code ou autre) et une adresse http ou https.
error-talk_meetup_invalid = Choisissez une rencontre à venir du groupe de cet exposé.
error-sort_invalid = L'ordre doit être votes ou recent.
pool-title = Vivier d'exposés
pool-intro = Des idées d'exposés pour les prochaines rencontres. Votez pour celles que vous voulez entendre : les organisateurs les mettent au programme.
pool-empty = Aucune proposition pour l'instant.
pool-sort = Ordre
pool-sort-votes = Les plus votées
pool-sort-recent = Les plus récentes
pool-votes = { $n ->
    [one] { $n } vote
   *[other] { $n } votes
}
pool-vote_label = +1, voter pour « { $title } »
pool-unvote = Retirer mon vote
pool-schedule = Mettre au programme de
pool-schedule_submit = Programmer
pool-scheduled_flash = L'exposé est au programme.
materials-title = Supports
materials-edit_named = Supports de « { $title } »
materials-intro = Diapositives, enregistrements, code : des liens vers leur adresse de publication (http ou https).
materials-link_n = Lien { $n }
materials-kind = Type
materials-url = Adresse
materials-link_title = Titre (facultatif)
materials-save = Enregistrer les supports
materials-saved_flash = Supports enregistrés.
meetups-pool_talks = Exposés proposés
meetups-pool_talks_hint = Les propositions les plus votées qui attendent encore une rencontre : celles cochées vont au programme de cette rencontre (la première d'une série).
meetups-pool_talk = { $title } — { $speaker }, { $votes ->
    [one] { $votes } vote
   *[other] { $votes } votes
}
pool-move = Déplacer vers

# Series: editing it, and what skipping or ending asks first.
series-edit = Modifier la série
series-edit_title = Modifier la série
series-edit_intro = La modification s’applique à chaque rencontre à venir qui n’a pas été modifiée à part ; les rencontres passées ne changent jamais. Les personnes inscrites à une rencontre qui change sont prévenues.
series-edit_submit = Enregistrer la série
series-edited_flash = Série enregistrée : ses rencontres à venir suivent.
series-title_hint = « #{"{"}n{"}"} » devient le numéro de chaque rencontre dans la série : « Apéro #{"{"}n{"}"} » donne « Apéro #1 », « Apéro #2 »…
series-start_time = Heure de début
series-start_time_hint = Heure locale, { $tz }.
series-duration = Durée en minutes
series-capacity_hint = Laissez tel quel pour garder la limite actuelle.
series-deadline_before = Les réponses ferment avant le début
series-deadline_before_hint = Par exemple 4h ou 1d ; vide pour garder les réponses ouvertes jusqu’au début.
series-preview = Dates concernées
series-preview_follows = Change
series-preview_kept = Modifiée à part : reste telle quelle
series-skip_title = Sauter cette date ?
series-skip_text = { $going ->
        [0] Aucune personne n’est inscrite
        [one] Une personne est inscrite
       *[other] { $going } personnes sont inscrites
    } et { $waitlisted ->
        [0] aucune n’attend
        [one] une personne attend
       *[other] { $waitlisted } personnes attendent
    } : { $going ->
        [0] { $waitlisted ->
            [0] aucun message n’est envoyé.
           *[other] elles seront prévenues de l’annulation.
        }
       *[other] elles seront prévenues de l’annulation.
    } La série continue.
series-skip_confirm = Oui, sauter cette date
series-end_title = Terminer la série ?
series-end_text = Aucune nouvelle rencontre ne sera programmée. { $dates ->
        [0] Aucune rencontre de la série n’est à venir.
        [one] La rencontre déjà programmée reste, avec { $going ->
            [0] aucune personne inscrite
            [one] une personne inscrite
           *[other] { $going } personnes inscrites
        } : aucun message n’est envoyé. Annulez-la sur sa page pour prévenir les personnes inscrites.
       *[other] Les { $dates } rencontres déjà programmées restent, avec { $going ->
            [0] aucune personne inscrite
            [one] une personne inscrite
           *[other] { $going } personnes inscrites
        } en tout : aucun message n’est envoyé. Annulez une rencontre sur sa page pour prévenir les personnes inscrites.
    }
series-end_confirm = Oui, terminer la série
meetups-series_only_this = Seule cette date change. Pour changer toutes les dates à venir, modifiez la série.
meetups-change_note = Note aux personnes prévenues du changement
meetups-change_note_hint = Facultatif. Quand l’horaire ou le lieu change, les personnes inscrites et en attente sont prévenues par courriel, avec cette note (par exemple « sonnez à Bivouac »). Elle n’est pas conservée sur la rencontre.
meetups-past_confirm = Cette date est passée : la créer quand même (pour un compte rendu) ?
meetups-past_confirm_box = Oui, la créer dans le passé
