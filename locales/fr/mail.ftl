mail-greeting = Bonjour { $name },
mail-signature = — L'équipe { $group }
mail-when = Quand
mail-where = Où
mail-online = En ligne
mail-entry = Comment entrer
mail-details = Détails et réponse
mail-unsubscribe = Ne plus recevoir ces e-mails
mail-going-subject = Inscription confirmée : { $title }
mail-going-intro = Votre inscription est confirmée. L'invitation est jointe pour votre agenda.
mail-going_guests-intro = Votre inscription est confirmée, avec { $n ->
        [one] { $n } invité
       *[other] { $n } invités
    }. L'invitation est jointe pour votre agenda.
mail-waitlisted-subject = Liste d'attente : { $title } (position { $n })
mail-waitlisted-intro = La rencontre est complète : vous êtes en liste d'attente, position { $n }. Dès qu'une place se libère, elle vous est attribuée automatiquement, dans l'ordre d'arrivée, et nous vous écrivons : rien à faire d'ici là.
mail-promoted-subject = Une place s'est libérée : vous participez à { $title }
mail-promoted-intro = Bonne nouvelle : une place s'est libérée et vous passez de la liste d'attente aux participants.
mail-reminder-subject = Rappel : { $title }, { $when }
mail-reminder-intro = Petit rappel : vous participez bientôt à cette rencontre.
mail-changed-intro = Cette rencontre a changé. { $changes } L'invitation jointe met votre agenda à jour.
mail-changed-was = (avant : { $old })
mail-cancelled-subject = Annulé : { $title }
mail-reinstated-subject = Maintenu : { $title }
mail-reinstated-intro = Cette rencontre a bien lieu : son annulation est levée. Votre réponse est conservée ; l'invitation jointe la remet dans votre agenda.
mail-cancelled-intro = Cette rencontre est annulée. L'invitation jointe la retire de votre agenda.
mail-talk_accepted-subject = Proposition acceptée : { $talk }
mail-talk_accepted-intro = Votre proposition « { $talk } » est acceptée au programme. Merci !
mail-talk_rejected-subject = Proposition non retenue : { $talk }
mail-talk_rejected-intro = Votre proposition « { $talk } » n'a pas été retenue cette fois-ci. Merci de l'avoir proposée !
mail-talk_moved-subject = Votre exposé change de date : { $talk }, { $when }
mail-talk_moved-intro = Votre exposé « { $talk } » passe de « { $previous } » à « { $title } », { $when }. Il figure au programme de cette rencontre.
mail-pool-link = Voir le vivier d'exposés
mail-follow_up-subject = Merci de votre venue : { $title }
mail-follow_up-intro = Merci de votre venue à « { $title } ». Voici son programme, avec les supports des orateurs.
mail-follow_up-intro_no_programme = Merci de votre venue à « { $title } ».
mail-follow_up-report = Lire le compte rendu
mail-follow_up-next = Je viens à la prochaine : { $title }, { $day }
mail-venue_accepted-subject = Lieu retenu : { $venue }
mail-venue_accepted-intro = Votre suggestion de lieu « { $venue } » a été retenue par les organisateurs. Merci !
unsubscribe-title = Se désabonner
unsubscribe-confirm-reminders = Ne plus recevoir les rappels avant les rencontres ?
unsubscribe-confirm-announcements = Ne plus recevoir l'annonce des nouvelles rencontres de ce groupe ?
unsubscribe-confirm-organiser_notices = Ne plus être prévenu des nouvelles propositions d'exposés et de lieux de ce groupe ?
unsubscribe-confirm-notices = Ne plus recevoir les avis de changement et d'annulation ?
unsubscribe-confirm-rsvp_notices = Ne plus être prévenu des réponses des membres aux rencontres de ce groupe ?
unsubscribe-confirm-digest = Ne plus recevoir le résumé quotidien de ce groupe ?
unsubscribe-confirm-messages = Ne plus recevoir les messages des organisateurs de ce groupe ?
unsubscribe-confirm-follow_ups = Ne plus recevoir le programme et les supports après les rencontres de ce groupe auxquelles vous avez participé ?
mail-see_group = Voir le groupe
mail-see_meetup = Voir la rencontre
mail-footer-settings = Choisir les e-mails que vous recevez
mail-reason-answered = Vous recevez cet e-mail parce que vous avez répondu à cette rencontre de { $group }.
mail-reason-attending = Vous recevez cet e-mail parce que vous êtes inscrit à cette rencontre de { $group } ou en liste d'attente.
mail-reason-reminders = Vous recevez cet e-mail parce que vous participez à cette rencontre de { $group } et recevez les rappels.
mail-reason-announcements = Vous recevez cet e-mail parce que vous êtes membre de { $group } et recevez l'annonce de ses rencontres.
mail-reason-messages = Vous recevez cet e-mail parce que vous êtes membre de { $group } et recevez les messages de ses organisateurs.
mail-reason-follow_up = Vous recevez cet e-mail parce que vous avez participé à cette rencontre de { $group }.
mail-reason-organiser = Vous recevez cet e-mail parce que vous organisez { $group }.
mail-reason-proposer = Vous recevez cet e-mail parce que vous avez proposé cet exposé à { $group }.
mail-reason-suggester = Vous recevez cet e-mail parce que vous avez suggéré ce lieu à { $group }.
mail-reason-account = Vous recevez cet e-mail parce qu'il concerne votre compte Rendezvous.
mail-message-subject = { "" }[{ $group }] { $subject }
mail-message-intro-going = { $name } écrit aux participants de « { $title } » :
mail-message-intro-waitlisted = { $name } écrit à la liste d'attente de « { $title } » :
mail-message-intro-attended = { $name } écrit aux personnes venues à « { $title } » :
mail-message-intro-all_members = { $name } écrit aux membres de { $group } :
mail-message-footer-replies = Écrit par { $name }, organisateur de { $group } : répondez à ce mail pour lui écrire.
mail-message-footer-no_replies = Écrit par { $name }, organisateur de { $group }, qui ne souhaite pas de réponse à ce mail.
mail-rsvp_going-subject = { $name } participe à { $title }
mail-rsvp_going-intro = { $name } a répondu « je viens » à « { $title } ».
mail-rsvp_waitlisted-subject = { $name } est en liste d'attente pour { $title }
mail-rsvp_waitlisted-intro = { $name } voulait venir à « { $title } », complet : en liste d'attente.
mail-rsvp_not_going-subject = { $name } ne vient pas à { $title }
mail-rsvp_not_going-intro = { $name } a répondu « je ne viens pas » à « { $title } ».
mail-rsvp_changed-link = Voir les participants
mail-digest-subject = Résumé du jour : { $group }
mail-digest-intro = Ce qui s'est passé dans { $group } ces dernières 24 heures :
digest-talk_proposed = { $name } propose l'exposé « { $about } »
digest-suggestion_made = { $name } suggère le lieu « { $about } »
digest-rsvp_going = { $name } vient à « { $about } »
digest-rsvp_waitlisted = { $name } est en liste d'attente pour « { $about } »
digest-rsvp_not_going = { $name } ne vient pas à « { $about } »
digest-seat_moves = { $released ->
    [one] { $released } désistement
   *[other] { $released } désistements
}, { $promoted ->
    [one] { $promoted } promu
   *[other] { $promoted } promus
} depuis la liste d'attente
unsubscribe-submit = Me désabonner
unsubscribe-done = C'est fait : vous ne recevrez plus ces e-mails. Vous pouvez changer d'avis depuis votre compte.
account-mail = E-mails
account-mail_reminders = Rappels avant les rencontres auxquelles je participe
account-mail_notices = Avis de changement ou d'annulation
mail-announce-subject = Nouvelle rencontre : { $title }, { $day }
mail-announce-intro = { $group } a programmé une nouvelle rencontre. { $seats }{ $closes }
mail-announce-closes = { " " }Réponses ouvertes jusqu’au { $deadline }.
mail-announce-seats = { $n ->
        [one] { $n } place restante
       *[other] { $n } places restantes
    } sur { $capacity }.
mail-announce-open = Ouvert à tous, sans limite de places.
mail-announce-going = Je viens
mail-announce-not_going = Pas cette fois
mail-talk_proposed-subject = Nouvelle proposition d'exposé : { $talk }
mail-talk_proposed-intro = { $name } propose « { $talk } » pour « { $title } ».
mail-talk_proposed-link = Examiner les propositions
mail-suggestion_made-subject = Nouvelle suggestion de lieu : { $venue }
mail-suggestion_made-intro = { $name } suggère « { $venue } » ({ $address }) au groupe { $group }.
mail-suggestion_made-link = Voir les suggestions
mail-release_seat = Vous ne pouvez plus venir ? Libérer ma place
mail-signature_site = — Rendezvous
mail-password_reset-subject = Choisir un nouveau mot de passe
mail-password_reset-intro = Quelqu'un (vous, sans doute) a demandé à changer le mot de passe de votre compte Rendezvous.
mail-password_reset-link = Choisir un nouveau mot de passe
mail-password_reset-note = Ce lien sert une fois et expire dans une heure. Si vous n'avez rien demandé, ignorez ce message : votre mot de passe ne change pas.
mail-email_confirm-subject = Confirmer votre nouvelle adresse
mail-email_confirm-intro = Vous avez demandé que votre compte Rendezvous utilise l'adresse { $email }. Elle ne servira qu'une fois confirmée.
mail-email_confirm-link = Confirmer cette adresse
mail-email_confirm-note = Ce lien sert une fois et expire dans 24 heures. Si vous n'avez rien demandé, ignorez ce message.
mail-email_notice-subject = Changement d'adresse demandé
mail-email_notice-intro = Quelqu'un a demandé que votre compte Rendezvous utilise désormais l'adresse { $email }. Le changement n'aura lieu que si le lien envoyé à cette adresse est suivi.
mail-email_notice-link = Ce n'était pas moi : choisir un nouveau mot de passe
mail-email_notice-note = Si c'était vous, vous n'avez rien à faire ici.
account-email = Adresse e-mail
account-email_help = Un lien de confirmation part vers la nouvelle adresse ; elle ne sert qu'une fois le lien suivi.
account-new_email = Nouvelle adresse
account-email_save = Changer d'adresse
account-email_sent = Un lien de confirmation est parti vers { $email }.
account-email_confirm_title = Confirmer la nouvelle adresse
account-email_confirm_text = Votre compte utilisera désormais l'adresse { $email }.
account-email_confirm_submit = Confirmer
account-email_changed = Votre adresse est maintenant { $email }.
account-mail_save = Enregistrer mes préférences
account-upcoming = Mes prochaines rencontres
account-no_upcoming = Aucune rencontre prévue pour vous.
account-waitlisted = liste d'attente
account-groups = Mes groupes
account-no_groups = Vous n'êtes membre d'aucun groupe.
account-organiser = organisateur
account-leave = Quitter
account-leave_group = Quitter le groupe { $group }
account-left_group = Vous avez quitté le groupe.
account-profile = Profil
account-locale = Langue des pages et des e-mails
account-hide_from_lists = Ne pas m'afficher dans les listes de participants et de membres (les organisateurs me voient ; je reste compté)
account-profile_save = Enregistrer le profil
account-profile_saved = Profil enregistré.
account-password = Mot de passe
account-current_password = Mot de passe actuel
account-password_save = Changer le mot de passe
account-password_saved = Mot de passe changé ; vos autres sessions sont fermées.
account-wrong_password = Ce n'est pas votre mot de passe actuel.
account-data = Mes données
account-data_help = Téléchargez tout ce que votre compte contient, ou supprimez-le.
account-export = Télécharger mes données
account-delete = Supprimer mon compte
account-delete_title = Supprimer votre compte ?
account-delete_text = Vos places aux prochaines rencontres iront à la liste d'attente, vos propositions d'exposé en attente seront retirées, vos votes et vos adhésions supprimés ; les exposés acceptés restent au programme sous votre nom. Cela ne peut pas être annulé.
account-delete_confirm = Oui, supprimer mon compte
account-delete_back = Non, revenir
account-deleted = Votre compte est supprimé. Merci d’avoir été des nôtres.
account-sessions = Connexions
account-sessions_help = Un appareil perdu, un ordinateur partagé ? Déconnectez toutes vos sessions, ici comprise, et tous vos jetons d'API.
account-sign_out_everywhere = Me déconnecter partout
account-signed_out_everywhere = Vous êtes déconnecté partout. Reconnectez-vous ici.
account-mail_saved = Préférences enregistrées.
account-group_mail = E-mails de { $group }
account-group_announcements = Annonce des nouvelles rencontres
account-group_messages = Messages des organisateurs
account-group_follow_ups = Après une rencontre à laquelle j’ai participé : son programme, ses supports et son compte rendu
account-group_proposal_notices = Propositions d'exposés et de lieux (organisateur)
account-group_rsvp_notices = Réponses des membres aux rencontres (organisateur)
account-notice_mode-instant = Un e-mail à chaque fois
account-notice_mode-digest = Un résumé par jour
account-notice_mode-off = Jamais
account-group_mail_save = Enregistrer pour { $group }
account-group_mail_saved = Préférences enregistrées pour { $group }.
mail-code_of_conduct = Code de conduite
mail-incident_contact = Signaler un incident : { $contact }
mail-incident_report-subject = Problème signalé : { $title }
mail-incident_report-intro = { $reporter } ({ $email }) signale un problème à « { $title } ». Seuls les organisateurs reçoivent cet e-mail.
mail-incident_report-intro_talk = { $reporter } ({ $email }) signale un problème avec l'exposé « { $talk } » à « { $title } ». Seuls les organisateurs reçoivent cet e-mail.
mail-leave_waitlist = Vous avez changé d'avis ? Quitter la liste d'attente
mail-reconfirm-subject = Vous venez toujours ? { $title }, { $when }
mail-reconfirm-intro = Vous participez bientôt à cette rencontre. Vous venez toujours ? Un clic suffit : confirmez votre place, venez avec moins d'invités, ou laissez votre place à quelqu'un de la liste d'attente.
mail-reconfirm-release_note = Les places non confirmées le { $deadline } iront à la liste d'attente.
mail-reconfirm-yes = Oui, je viens
mail-reconfirm-fewer_guests = Moins d'invités
mail-released-subject = Votre place à { $title } est allée à la liste d'attente
mail-released-intro = Vous n'avez pas confirmé votre venue : votre place est allée à la personne suivante de la liste d'attente. Vous voulez toujours venir ? Répondez à nouveau : vous aurez une place s'il en reste, sinon vous rejoindrez la liste d'attente et une place libérée vous sera attribuée automatiquement.
mail-released-rejoin = Finalement, je viens
mail-guest_answer-subject = Confirmez votre réponse : { $title }
mail-guest_answer-intro = Quelqu'un, sans doute vous, a répondu « Je viens » à cette rencontre avec cette adresse. Suivez le lien pour confirmer : c'est alors seulement qu'une place vous est réservée (ou une place sur la liste d'attente).
mail-guest_answer_guests-intro = Quelqu'un, sans doute vous, a répondu « Je viens » à cette rencontre avec cette adresse, avec { $n ->
        [one] { $n } invité
       *[other] { $n } invités
    }. Suivez le lien pour confirmer : c'est alors seulement que des places vous sont réservées (ou une place sur la liste d'attente).
mail-guest_answer-confirm = Confirmer ma réponse
mail-guest_answer-note = Le lien fonctionne 24 heures, et pas après la clôture des réponses. Ce n'était pas vous ? Ignorez cet e-mail : rien n'est enregistré sans lui.
mail-create_account = Créer mon compte (vos réponses sont conservées)
mail-reason-joined = Vous recevez cet e-mail parce que vous avez rejoint { $group }.
mail-welcome-subject = Bienvenue dans { $group }
mail-welcome-intro = Bienvenue dans { $group } ! Ces rencontres ont été annoncées avant votre arrivée : un clic sur « Je viens » suffit pour répondre.
mail-welcome-going = Je viens : { $title }
mail-welcome-group = Voir le groupe
mail-announce_series-subject = Nouvelle série : { $series }, { $count ->
        [one] une date
       *[other] { $count } dates
    } à partir du { $day }
mail-announce_series-intro = { $group } a programmé une série de rencontres, { $rule }. { $count ->
        [one] Sa première date est ci-dessous : répondez en un clic.
       *[other] Ses { $count } premières dates sont ci-dessous : répondez à chacune en un clic.
    } Les dates suivantes seront annoncées au fur et à mesure.
mail-announce_series-going = { $date } : je viens
mail-announce_series-not_going = { $date } : pas cette fois
mail-announce_series-page = Voir la série
mail-changed-subject_time = Nouvel horaire : { $title }, { $day }
mail-changed-subject_place = Nouveau lieu : { $title }, { $day }
mail-changed-subject_time_place = Nouvel horaire et nouveau lieu : { $title }, { $day }

# Polls
mail-reason-voted = Vous recevez cet e-mail parce que vous avez répondu oui à cette date dans un sondage de { $group }.
mail-poll-subject = Quand se retrouve-t-on ? { $title }
mail-poll-intro = { $group } choisit la date de sa prochaine rencontre : dites quelles dates vous conviennent.{ $closes }
mail-poll-closes = { " " }Le sondage se termine le { $closes }.
mail-poll-answer = Répondre au sondage
mail-poll-one_click = { $day } — { $answer }
mail-poll_reminder-subject = Dernier jour pour répondre : { $title }
mail-poll_reminder-intro = { $group } choisit la date de sa prochaine rencontre et vous n'avez pas encore répondu.{ $closes }
mail-poll_priority-subject = C'est décidé : { $title }, { $day }
mail-poll_priority-intro = Vous avez répondu oui à cette date dans le sondage de { $group } : la rencontre est fixée, et vous l'apprenez en premier. Un clic vous garde une place.
