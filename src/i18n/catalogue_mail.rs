//! Texts of e-mails, French then English.

crate::catalogue! {
    "mail.greeting" => "Bonjour {name},", "Hello {name},";
    "mail.signature" => "— L'équipe {group}", "— The {group} team";
    "mail.when" => "Quand", "When";
    "mail.where" => "Où", "Where";
    "mail.online" => "En ligne", "Online";
    "mail.details" => "Détails et réponse", "Details and RSVP";
    "mail.unsubscribe" => "Ne plus recevoir ces e-mails", "Stop receiving these e-mails";
    "mail.going.subject" => "Inscription confirmée : {title}", "You're going: {title}";
    "mail.going.intro" => "Votre inscription est confirmée. L'invitation est jointe pour votre agenda.", "Your RSVP is confirmed. The invitation is attached for your calendar.";
    "mail.going_guests.intro" => "Votre inscription est confirmée, avec {n} invité(s). L'invitation est jointe pour votre agenda.", "Your RSVP is confirmed, with {n} guest(s). The invitation is attached for your calendar.";
    "mail.waitlisted.subject" => "Liste d'attente : {title} (position {n})", "Waitlisted: {title} (position {n})";
    "mail.waitlisted.intro" => "La rencontre est complète : vous êtes en liste d'attente, position {n}. Nous vous écrirons dès qu'une place se libère.", "The meetup is full: you are on the waitlist, position {n}. We will write as soon as a seat opens up.";
    "mail.promoted.subject" => "Une place s'est libérée : vous participez à {title}", "A seat opened up: you're going to {title}";
    "mail.promoted.intro" => "Bonne nouvelle : une place s'est libérée et vous passez de la liste d'attente aux participants.", "Good news: a seat opened up and you moved from the waitlist to the attendees.";
    "mail.reminder.subject" => "Rappel : {title}, {when}", "Reminder: {title}, {when}";
    "mail.reminder.intro" => "Petit rappel : vous participez bientôt à cette rencontre.", "A quick reminder: you are going to this meetup soon.";
    "mail.changed.subject" => "Changement : {title}", "Changed: {title}";
    "mail.changed.intro" => "L'horaire ou le lieu de cette rencontre a changé. Voici les nouvelles informations ; l'invitation jointe met votre agenda à jour.", "The time or place of this meetup changed. Here are the new details; the attached invitation updates your calendar.";
    "mail.cancelled.subject" => "Annulé : {title}", "Cancelled: {title}";
    "mail.reinstated.subject" => "Maintenu : {title}", "Back on: {title}";
    "mail.reinstated.intro" => "Cette rencontre a bien lieu : son annulation est levée. Votre réponse est conservée ; l'invitation jointe la remet dans votre agenda.", "This meetup is on after all: its cancellation is withdrawn. Your answer is kept; the attached invitation puts it back in your calendar.";
    "mail.cancelled.intro" => "Cette rencontre est annulée. L'invitation jointe la retire de votre agenda.", "This meetup is cancelled. The attached update removes it from your calendar.";
    "mail.talk_accepted.subject" => "Proposition acceptée : {talk}", "Talk accepted: {talk}";
    "mail.talk_accepted.intro" => "Votre proposition « {talk} » est acceptée au programme. Merci !", "Your talk \"{talk}\" is accepted on the programme. Thank you!";
    "mail.talk_rejected.subject" => "Proposition non retenue : {talk}", "Talk not selected: {talk}";
    "mail.talk_rejected.intro" => "Votre proposition « {talk} » n'a pas été retenue cette fois-ci. Merci de l'avoir proposée !", "Your talk \"{talk}\" was not selected this time. Thank you for proposing it!";
    "mail.venue_accepted.subject" => "Lieu retenu : {venue}", "Venue chosen: {venue}";
    "mail.venue_accepted.intro" => "Votre suggestion de lieu « {venue} » a été retenue par les organisateurs. Merci !", "Your venue suggestion \"{venue}\" was chosen by the organisers. Thank you!";
    "unsubscribe.title" => "Se désabonner", "Unsubscribe";
    "unsubscribe.confirm.reminders" => "Ne plus recevoir les rappels avant les rencontres ?", "Stop receiving reminders before meetups?";
    "unsubscribe.confirm.notices" => "Ne plus recevoir les avis de changement et d'annulation ?", "Stop receiving change and cancellation notices?";
    "unsubscribe.submit" => "Me désabonner", "Unsubscribe me";
    "unsubscribe.done" => "C'est fait : vous ne recevrez plus ces e-mails. Vous pouvez changer d'avis depuis votre compte.", "Done: you will not receive these e-mails any more. You can change your mind from your account.";
    "account.mail" => "E-mails", "E-mails";
    "account.mail_reminders" => "Rappels avant les rencontres auxquelles je participe", "Reminders before the meetups I am going to";
    "account.mail_notices" => "Avis de changement ou d'annulation", "Change and cancellation notices";
    "account.mail_save" => "Enregistrer mes préférences", "Save my preferences";
    "account.sessions" => "Connexions", "Sessions";
    "account.sessions_help" => "Un appareil perdu, un ordinateur partagé ? Déconnectez toutes vos sessions, ici comprise, et tous vos jetons d'API.", "A lost device, a shared computer? Sign out every session, this one included, and revoke all your API tokens.";
    "account.sign_out_everywhere" => "Me déconnecter partout", "Sign out everywhere";
    "account.signed_out_everywhere" => "Vous êtes déconnecté partout. Reconnectez-vous ici.", "You are signed out everywhere. Sign in again here.";
    "account.mail_saved" => "Préférences enregistrées.", "Preferences saved.";
}
