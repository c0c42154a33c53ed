//! Every user-visible text, in French then English. Keys are grouped by where they appear.

#[macro_export]
macro_rules! catalogue {
    ($($key:literal => $fr:literal, $en:literal;)*) => {
        pub fn lookup(key: &str) -> Option<(&'static str, &'static str)> {
            match key {
                $($key => Some(($fr, $en)),)*
                _ => None,
            }
        }

        #[cfg(test)]
        pub const KEYS: &[&str] = &[$($key),*];
    };
}

catalogue! {
    "test.hello" => "Bonjour {name}", "Hello {name}";

    "app.name" => "Rendezvous", "Rendezvous";
    "app.tagline" => "Les rencontres de votre communauté, simplement.", "Your community's meetups, simply.";
    "nav.main" => "Navigation principale", "Main navigation";
    "nav.home" => "Accueil", "Home";
    "nav.login" => "Se connecter", "Sign in";
    "nav.register" => "Créer un compte", "Create an account";
    "nav.logout" => "Se déconnecter", "Sign out";
    "nav.account" => "Mon compte", "My account";
    "nav.language" => "Langue", "Language";
    "nav.skip" => "Aller au contenu", "Skip to content";
    "footer.text" => "Rendezvous — logiciel libre pour les communautés locales.", "Rendezvous — free software for local communities.";

    "home.title" => "Rencontres à venir", "Upcoming meetups";
    "home.welcome" => "Organisez vos rencontres, gérez les inscriptions, partagez les comptes-rendus.", "Organise meetups, handle RSVPs, share reports.";
    "home.groups" => "Groupes", "Groups";
    "home.no_groups" => "Aucun groupe pour l'instant.", "No groups yet.";
    "home.no_meetups" => "Aucune rencontre prévue.", "No meetups scheduled.";
    "home.create_group" => "Créer un groupe", "Create a group";

    "auth.register_title" => "Créer un compte", "Create an account";
    "auth.login_title" => "Se connecter", "Sign in";
    "auth.email" => "Adresse e-mail", "E-mail address";
    "auth.name" => "Nom affiché", "Display name";
    "auth.password" => "Mot de passe", "Password";
    "auth.password_hint" => "Au moins 10 caractères.", "At least 10 characters.";
    "auth.locale" => "Langue des e-mails", "Language for e-mails";
    "auth.register_submit" => "Créer mon compte", "Create my account";
    "auth.login_submit" => "Se connecter", "Sign in";
    "auth.have_account" => "Déjà un compte ? Connectez-vous.", "Already have an account? Sign in.";
    "auth.forgot_password" => "Mot de passe oublié ?", "Forgot your password?";
    "reset.title" => "Mot de passe oublié", "Forgot your password";
    "reset.request_help" => "Indiquez l'adresse e-mail de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.", "Give your account's e-mail address: we will send it a link to choose a new password.";
    "reset.request_submit" => "Envoyer le lien", "Send the link";
    "reset.sent" => "Si un compte utilise cette adresse, un lien vient d'y partir. Il sert une fois et expire dans une heure.", "If an account uses this address, a link is on its way. It works once and expires in an hour.";
    "reset.back_to_login" => "Retour à la connexion", "Back to sign-in";
    "reset.choose_title" => "Choisir un nouveau mot de passe", "Choose a new password";
    "reset.new_password" => "Nouveau mot de passe", "New password";
    "reset.choose_submit" => "Enregistrer et me connecter", "Save and sign in";
    "reset.done" => "Votre nouveau mot de passe est enregistré ; vous êtes connecté. Vos autres sessions sont fermées.", "Your new password is saved and you are signed in. Your other sessions are closed.";
    "reset.expired_title" => "Lien expiré", "Link expired";
    "reset.ask_again" => "Demander un nouveau lien", "Ask for a new link";
    "auth.no_account" => "Pas encore de compte ? Créez-en un.", "No account yet? Create one.";
    "auth.logout_title" => "Se déconnecter", "Sign out";
    "auth.logout_confirm" => "Voulez-vous vous déconnecter ?", "Do you want to sign out?";
    "auth.logout_submit" => "Me déconnecter", "Sign me out";
    "auth.welcome" => "Bienvenue, {name} !", "Welcome, {name}!";
    "auth.logged_out" => "Vous êtes déconnecté.", "You are signed out.";
    "account.title" => "Mon compte", "My account";
    "account.signed_in_as" => "Connecté en tant que {name} ({email}).", "Signed in as {name} ({email}).";
    "account.calendar" => "Mon agenda personnel", "My personal calendar";
    "account.calendar_rotate_help" => "Quelqu'un d'autre connaît cette adresse ? Changez-la : l'ancienne cessera aussitôt de fonctionner, et vos agendas devront s'abonner à la nouvelle.", "Someone else knows this address? Change it: the old one stops working at once, and your calendar apps must subscribe to the new one.";
    "account.calendar_rotate" => "Changer l'adresse secrète", "Change the secret address";
    "account.calendar_rotated" => "Nouvelle adresse d'agenda : l'ancienne ne fonctionne plus.", "New calendar address: the old one no longer works.";
    "account.calendar_help" => "Abonnez votre application d'agenda à cette adresse secrète : elle contient les rencontres auxquelles vous participez.", "Subscribe your calendar app to this secret address: it lists the meetups you are going to.";
    "account.subscribe" => "S'abonner", "Subscribe";
    "lang.fr" => "Français", "Français";
    "lang.en" => "English", "English";

    "form.errors" => "Le formulaire contient des erreurs :", "The form has errors:";
    "form.required" => "obligatoire", "required";

    "error.title" => "Erreur", "Error";
    "error.typed" => "Ce que vous aviez saisi", "What you typed";
    "error.resend" => "Envoyer à nouveau", "Send it again";
    "error.back" => "Revenir à la page précédente", "Back to the previous page";
    "error.not_found_title" => "Page introuvable", "Page not found";
    "error.forbidden_title" => "Accès refusé", "Not allowed";
    "error.csrf_resend" => "Ce formulaire a expiré (ou a été ouvert dans un autre onglet) : rien n'a été enregistré. Ce que vous aviez saisi est ci-dessous ; envoyez-le à nouveau.", "This form has expired (or was opened in another tab): nothing was saved. What you typed is below; send it again.";
    "error.back_home" => "Retour à l'accueil", "Back to the home page";
    "error.internal" => "Une erreur inattendue s'est produite. Réessayez dans un instant.", "Something went wrong on our side. Please try again in a moment.";
    "error.unauthorized" => "Vous devez être connecté.", "You need to be signed in.";
    "error.bad_credentials" => "Adresse e-mail ou mot de passe incorrect.", "Wrong e-mail address or password.";
    "error.forbidden" => "Vous n'avez pas le droit de faire cela.", "You are not allowed to do that.";
    "error.not_found" => "Cette page n'existe pas.", "This page does not exist.";
    "error.control_character" => "« {field} » contient un caractère de contrôle : retirez-le et réessayez.", "\"{field}\" contains a control character: remove it and try again.";
    "error.payload_too_large" => "Le contenu envoyé est trop volumineux.", "What you sent is too large.";
    "error.online_url_visibility_invalid" => "Choisissez « going » ou « public ».", "Choose \"going\" or \"public\".";
    "error.email_same" => "C'est déjà votre adresse.", "This is already your address.";
    "error.attendee_visibility_invalid" => "Choisissez « members » ou « public ».", "Choose \"members\" or \"public\".";
    "error.reset_rate_limited" => "Trop de demandes de lien pour cette adresse ou depuis votre connexion : réessayez dans une heure.", "Too many link requests for this address or from your connection: try again in an hour.";
    "error.rate_limited" => "Trop de tentatives de connexion échouées : la connexion à ce compte (ou depuis cette adresse) est suspendue pendant 15 minutes, puis fonctionne à nouveau. Si c'est votre compte, choisissez un nouveau mot de passe : vous serez connecté aussitôt.", "Too many failed sign-ins: signing in to this account (or from this address) is paused for 15 minutes, then works again. If it is your account, choose a new password: that signs you in at once.";
    "error.invalid_json" => "Requête mal formée.", "Malformed request.";
    "error.csrf" => "Ce formulaire a expiré (ou a été ouvert dans un autre onglet). Rechargez la page et réessayez : rien n'a été enregistré.", "This form has expired (or was opened in another tab). Reload the page and try again: nothing was saved.";
    "error.csrf_title" => "Formulaire expiré", "Form expired";
    "error.email_invalid" => "Adresse e-mail invalide.", "Invalid e-mail address.";
    "error.name_invalid" => "Le nom doit faire entre 1 et 100 caractères.", "The name must be 1 to 100 characters long.";
    "error.password_short" => "Le mot de passe doit faire au moins 10 caractères.", "The password must be at least 10 characters long.";
    "error.password_long" => "Le mot de passe est trop long.", "The password is too long.";
    "error.password_required" => "Le mot de passe est obligatoire.", "The password is required.";
    "error.locale_invalid" => "La langue doit être fr ou en.", "The language must be fr or en.";

    "error.audience_invalid" => "Choisissez à qui écrire : participants, liste d'attente, personnes venues ou tous les membres.", "Choose who to write to: going, waitlisted, attended or all members.";
    "error.messages_rate_limited" => "Ce groupe a déjà envoyé le nombre maximal de messages pour aujourd'hui. Réessayez demain.", "This group has already sent as many messages as allowed today. Try again tomorrow.";
    "error.notice_mode_invalid" => "Choisissez instant, digest ou off.", "Choose instant, digest or off.";
    "error.required" => "Ce champ est obligatoire.", "This field is required.";
    "error.text_too_long" => "Ce texte est trop long.", "This text is too long.";
    "error.slug_invalid" => "L'identifiant doit faire 2 à 63 caractères : minuscules, chiffres et tirets, sans tiret au début.", "The slug must be 2 to 63 characters: lower-case letters, digits and dashes, not starting with a dash.";
    "error.timezone_invalid" => "Fuseau horaire inconnu (exemple : Europe/Paris).", "Unknown time zone (for example Europe/Paris).";
    "error.links_invalid" => "Chaque lien a besoin d'un libellé et d'une adresse http, https, irc, mailto ou matrix.", "Each link needs a label and an http, https, irc, mailto or matrix address.";
    "error.url_invalid" => "Adresse web invalide (elle doit commencer par https:// ou http://).", "Invalid web address (it must start with https:// or http://).";
    "error.datetime_invalid" => "Date et heure invalides (format AAAA-MM-JJTHH:MM).", "Invalid date and time (format YYYY-MM-DDTHH:MM).";
    "error.time_nonexistent" => "Cette heure n'existe pas ce jour-là (passage à l'heure d'été).", "This time does not exist on that day (the clocks go forward).";
    "error.time_ambiguous" => "Cette heure existe deux fois ce jour-là (passage à l'heure d'hiver) : précisez le décalage.", "This time happens twice on that day (the clocks go back): give the UTC offset.";
    "error.ends_before_start" => "La fin doit être après le début.", "The end must be after the start.";
    "error.deadline_after_start" => "La date limite d'inscription doit précéder le début.", "The RSVP deadline must be before the start.";
    "error.capacity_invalid" => "La capacité doit être un nombre entier d'au moins 1.", "The capacity must be a whole number of at least 1.";
    "error.venue_invalid" => "Ce lieu n'appartient pas au groupe.", "This venue does not belong to the group.";
    "error.coordinates_invalid" => "Coordonnées invalides (latitude entre -90 et 90, longitude entre -180 et 180).", "Invalid coordinates (latitude between -90 and 90, longitude between -180 and 180).";
    "error.role_invalid" => "Le rôle doit être organiser ou member.", "The role must be organiser or member.";
    "error.when_invalid" => "when doit valoir upcoming ou past.", "when must be upcoming or past.";
    "error.guests_invalid" => "Vous pouvez venir avec 0 à 5 invités.", "You may bring 0 to 5 guests.";
    "error.answer_invalid" => "La réponse doit être yes ou no.", "The answer must be yes or no.";
    "conflict.email_taken" => "Cette adresse e-mail est déjà utilisée.", "This e-mail address is already registered.";
    "conflict.slug_taken" => "Cet identifiant de groupe est déjà pris.", "This group slug is already taken.";
    "gone.link_expired" => "Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.", "This link has expired or was already used. Ask for a new one.";
    "conflict.venue_in_use" => "Des rencontres ont lieu à cet endroit : il ne peut pas être supprimé.", "Meetups take place at this venue: it cannot be deleted.";
    "conflict.meetup_has_activity" => "Des membres ont répondu, proposé un exposé ou un compte rendu existe : la rencontre ne peut qu'être annulée.", "Members answered, proposed a talk, or a report exists: the meetup can only be cancelled.";
    "conflict.already_announced" => "Cette rencontre a déjà été annoncée.", "This meetup was announced already.";
    "conflict.meetup_started" => "La rencontre a déjà commencé.", "The meetup has already started.";
    "conflict.rsvp_closed" => "Les inscriptions sont closes.", "RSVPs are closed.";
    "conflict.capacity_exceeded" => "Il ne reste pas assez de places.", "There are not enough seats left.";
    "conflict.capacity_below_going" => "La capacité ne peut pas être inférieure au nombre de places déjà prises.", "Capacity cannot be lower than the seats already taken.";
    "conflict.already_decided" => "Une décision a déjà été prise.", "This has already been decided.";
    "conflict.meetup_cancelled" => "Cette rencontre est annulée.", "This meetup is cancelled.";
    "conflict.last_organiser" => "Le groupe doit garder au moins un organisateur.", "The group must keep at least one organiser.";
}
