app-name = Rendezvous
nav-main = Navigation principale
nav-login = Se connecter
nav-register = Créer un compte
nav-logout = Se déconnecter
nav-account = Mon compte
nav-language = Langue
nav-skip = Aller au contenu
footer-text = Rendezvous — logiciel libre pour les communautés locales.

home-title = Rencontres à venir
home-welcome = Organisez vos rencontres, gérez les inscriptions, partagez les comptes-rendus.
home-groups = Groupes
home-no_groups = Aucun groupe pour l'instant.
home-no_meetups = Aucune rencontre prévue.
home-create_group = Créer un groupe

auth-register_title = Créer un compte
auth-login_title = Se connecter
auth-email = Adresse e-mail
auth-name = Nom affiché
auth-password = Mot de passe
auth-password_hint = Au moins 10 caractères.
auth-locale = Langue des e-mails
auth-register_submit = Créer mon compte
auth-login_submit = Se connecter
auth-have_account = Déjà un compte ? Connectez-vous.
auth-forgot_password = Mot de passe oublié ?
reset-title = Mot de passe oublié
reset-request_help = Indiquez l'adresse e-mail de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.
reset-request_submit = Envoyer le lien
reset-sent = Si un compte utilise cette adresse, un lien vient d'y partir. Il sert une fois et expire dans une heure.
reset-back_to_login = Retour à la connexion
reset-choose_title = Choisir un nouveau mot de passe
reset-new_password = Nouveau mot de passe
reset-choose_submit = Enregistrer et me connecter
reset-done = Votre nouveau mot de passe est enregistré ; vous êtes connecté. Vos autres sessions sont fermées.
reset-expired_title = Lien expiré
reset-ask_again = Demander un nouveau lien
auth-no_account = Pas encore de compte ? Créez-en un.
auth-logout_title = Se déconnecter
auth-logout_confirm = Voulez-vous vous déconnecter ?
auth-logout_submit = Me déconnecter
auth-welcome = Bienvenue, { $name } !
auth-intent_going = Ensuite, votre réponse « Oui, je viens » est enregistrée et vous revenez à la rencontre.
auth-intent_join = Ensuite, vous rejoignez le groupe et revenez à sa page.
auth-logged_out = Vous êtes déconnecté.
account-title = Mon compte
account-signed_in_as = Connecté en tant que { $name } ({ $email }).
account-calendar = Mon agenda personnel
account-calendar_rotate_help = Quelqu'un d'autre connaît cette adresse ? Changez-la : l'ancienne cessera aussitôt de fonctionner, et vos agendas devront s'abonner à la nouvelle.
account-calendar_rotate = Changer l'adresse secrète
account-calendar_rotated = Nouvelle adresse d'agenda : l'ancienne ne fonctionne plus.
account-calendar_help = Abonnez votre application d'agenda à cette adresse secrète : elle contient les rencontres auxquelles vous participez.
account-subscribe = S'abonner
# This language's name in itself, for the language menus.
language-name = Français

form-errors = Le formulaire contient des erreurs :

error-title = Erreur
error-typed = Ce que vous aviez saisi
error-resend = Envoyer à nouveau
error-back = Revenir à la page précédente
error-not_found_title = Page introuvable
error-forbidden_title = Accès refusé
error-csrf_resend = Ce formulaire a expiré (ou a été ouvert dans un autre onglet) : rien n'a été enregistré. Ce que vous aviez saisi est ci-dessous ; envoyez-le à nouveau.
error-back_home = Retour à l'accueil
error-internal = Une erreur inattendue s'est produite. Réessayez dans un instant.
error-unauthorized = Vous devez être connecté.
error-bad_credentials = Adresse e-mail ou mot de passe incorrect.
error-forbidden = Vous n'avez pas le droit de faire cela.
error-not_found = Cette page n'existe pas.
error-did_you_mean = Vouliez-vous dire { $group } ?
error-control_character = « { $field } » contient un caractère de contrôle : retirez-le et réessayez.
error-payload_too_large = Le contenu envoyé est trop volumineux.
error-unsupported_media_type = Ce type de contenu ne peut pas être envoyé ici.
error-online_url_visibility_invalid = Choisissez « going » ou « public ».
error-email_same = C'est déjà votre adresse.
error-attendee_visibility_invalid = Choisissez « members » ou « public ».
error-reset_rate_limited = Trop de demandes de lien pour cette adresse ou depuis votre connexion : réessayez dans une heure.
error-email_change_rate_limited = Trop de changements d'adresse demandés pour ce compte ou vers cette adresse : réessayez dans une heure.
error-rate_limited = Trop de tentatives de connexion échouées : la connexion à ce compte (ou depuis cette adresse) est suspendue pendant 15 minutes, puis fonctionne à nouveau. Si c'est votre compte, choisissez un nouveau mot de passe : vous serez connecté aussitôt.
error-invalid_json = Requête mal formée.
error-csrf = Ce formulaire a expiré (ou a été ouvert dans un autre onglet). Rechargez la page et réessayez : rien n'a été enregistré.
error-csrf_title = Formulaire expiré
error-email_invalid = Adresse e-mail invalide.
error-name_invalid = Le nom doit faire entre 1 et 100 caractères.
error-password_short = Le mot de passe doit faire au moins 10 caractères.
error-password_long = Le mot de passe est trop long.
error-password_required = Le mot de passe est obligatoire.
error-locale_invalid = Nous ne parlons pas encore cette langue : choisissez-en une dans la liste.

error-audience_invalid = Choisissez à qui écrire : participants, liste d'attente, personnes venues ou tous les membres.
error-messages_rate_limited = Ce groupe a déjà envoyé le nombre maximal de messages pour aujourd'hui. Réessayez demain.
error-notice_mode_invalid = Choisissez instant, digest ou off.
error-required = Ce champ est obligatoire.
error-text_too_long = Ce texte est trop long.
error-slug_invalid = L'identifiant doit faire 2 à 63 caractères : minuscules, chiffres et tirets, sans tiret au début.
error-timezone_invalid = Fuseau horaire inconnu (exemple : Europe/Paris).
error-links_invalid = Chaque lien a besoin d'un libellé et d'une adresse http, https, irc, mailto ou matrix.
error-url_invalid = Adresse web invalide (elle doit commencer par https:// ou http://).
error-datetime_invalid = Date et heure invalides (format AAAA-MM-JJTHH:MM).
error-time_nonexistent = Cette heure n'existe pas ce jour-là (passage à l'heure d'été).
error-time_ambiguous = Cette heure existe deux fois ce jour-là (passage à l'heure d'hiver) : précisez le décalage.
error-ends_before_start = La fin doit être après le début.
error-deadline_after_start = La date limite d'inscription doit précéder le début.
error-capacity_invalid = La capacité doit être un nombre entier d'au moins 1.
error-venue_invalid = Ce lieu n'appartient pas au groupe.
error-coordinates_invalid = Coordonnées invalides (latitude entre -90 et 90, longitude entre -180 et 180).
error-role_invalid = Le rôle doit être organiser, helper ou member.
error-when_invalid = when doit valoir upcoming ou past.
error-guests_invalid = Vous pouvez venir avec 0 à 5 invités.
error-answer_invalid = La réponse doit être yes ou no.
conflict-email_taken = Cette adresse e-mail est déjà utilisée.
conflict-slug_taken = Cet identifiant de groupe est déjà pris.
gone-link_expired = Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.
conflict-venue_in_use = Des rencontres ont lieu à cet endroit : il ne peut pas être supprimé.
conflict-meetup_has_activity = Des membres ont répondu, proposé un exposé ou un compte rendu existe : la rencontre ne peut qu'être annulée.
conflict-already_announced = Cette rencontre a déjà été annoncée.
conflict-meetup_started = La rencontre a déjà commencé.
conflict-rsvp_closed = Les inscriptions sont closes.
conflict-capacity_exceeded = Il ne reste pas assez de places.
conflict-capacity_below_going = La capacité ne peut pas être inférieure au nombre de places déjà prises.
conflict-already_decided = Une décision a déjà été prise.
conflict-meetup_cancelled = Cette rencontre est annulée.
conflict-last_organiser = Le groupe doit garder au moins un organisateur.

# Dates and times. Day and month names come from the locale's data; the order and the
# punctuation around them are the language's.
date-long = { $weekday } { $day ->
        [1] 1er
       *[other] { $day }
    } { $month } { $year }
date-with_time = { $date }, { $time }
date-time_of_day = { $hour }:{ $minute }
date-span = { $start } – { $end }
# A label and its value: French puts a narrow no-break space before the colon.
colon = {"\u202F: "}

# The command line's reports (`rendezvous import-pelican`, `rendezvous export-site`).
cli-imported = { $n ->
        [one] { $n } compte-rendu importé
       *[other] { $n } comptes-rendus importés
    }
cli-import_failed = { $n ->
        [one] { $n } fichier n'a pas pu être importé
       *[other] { $n } fichiers n'ont pas pu être importés
    }
cli-exported = { $n ->
        [one] { $n } compte-rendu exporté
       *[other] { $n } comptes-rendus exportés
    } dans { $dir }

# Series of meetups.
error-rule_invalid = Écrivez une règle RFC 5545 quotidienne, hebdomadaire, mensuelle ou annuelle, par exemple FREQ=MONTHLY;BYDAY=2TU.
error-rule_no_occurrence = Cette règle ne donne aucune date à venir.
error-start_time_invalid = Indiquez une heure telle que 19:00.
error-series_duration_invalid = Entre 1 et 1 440 minutes.
error-deadline_before_invalid = Indiquez une durée telle que 4h ou 1d (60 jours au plus).
error-horizon_invalid = Entre 1 et 12 rencontres à l'avance.
error-date_invalid = Indiquez une date telle que 2027-02-09.
error-range_invalid = Le premier jour vient après le dernier.
error-skip_not_an_occurrence = La série n'a pas de rencontre à cette date.
error-code_of_conduct_required = Ce groupe vous demande d'abord d'accepter son code de conduite : cochez la case.
error-report_rate_limited = Vous avez envoyé beaucoup de signalements à ce groupe dans l'heure : réessayez plus tard.
error-seat_offset_invalid = Indiquez une durée comme 48h ou 2d (de 1 heure à 30 jours), ou laissez vide.
error-auto_release_before_reconfirm = Libérer les places suppose de demander « Vous venez toujours ? » avant : indiquez une durée plus courte que pour la confirmation.
error-party_too_large = Votre groupe compte plus de personnes que la rencontre n'a de places : venez avec moins d'invités.
conflict-not_going = Vous n'avez pas de place à cette rencontre.
error-guest_rsvp_rate_limited = Trop de réponses pour cette adresse ou depuis votre connexion : réessayez dans une heure.
feed-address = Adresse de l'agenda
feed-address_hint = Un clic la sélectionne : copiez-la dans l'option « s'abonner par URL » de votre agenda.
feed-google = Ajouter à Google Agenda
conflict-checkin_closed = Le pointage est ouvert de 2 heures avant le début à la fin de la rencontre.
error-code_invalid = Ce n'est pas le code affiché à l'entrée.
error-checkin_rate_limited = Trop de codes erronés : demandez à l'entrée qu'on vous pointe.
error-came_invalid = Choisissez combien de personnes du groupe sont là, de aucune à toutes.

# Polls
error-poll_dates_count = Proposez entre 2 et 20 dates.
error-poll_option_twice = Cette option est proposée deux fois.
error-poll_venues_count = Proposez au plus 10 lieux.
error-poll_closes_past = Le sondage doit se terminer dans le futur.
error-poll_answer_invalid = Répondez « yes », « if_need_be » (dates seulement) ou « no ».
error-poll_option_unknown = Ce sondage n'a pas cette option.
error-poll_priority_hours = La priorité dure de 0 à 168 heures.
error-poll_target_invalid = Choisissez une rencontre à venir de ce groupe, non annulée.
conflict-poll_closed = Ce sondage est clos.
