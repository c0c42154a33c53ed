//! Texts of RSVPs and check-in, French then English.

crate::catalogue! {
    "rsvp.title" => "Participation", "Attendance";
    "rsvp.seats_left" => "{n} place(s) restante(s) sur {capacity}", "{n} of {capacity} seats left";
    "rsvp.full" => "Complet — les nouvelles inscriptions rejoignent la liste d'attente.", "Full — new RSVPs join the waitlist.";
    "rsvp.unlimited" => "Places illimitées", "No seat limit";
    "rsvp.going_count" => "{n} participant(s)", "{n} going";
    "rsvp.waitlist_count" => "{n} en liste d'attente", "{n} on the waitlist";
    "rsvp.you_going" => "Vous participez.", "You are going.";
    "rsvp.you_going_guests" => "Vous participez avec {n} invité(s).", "You are going with {n} guest(s).";
    "rsvp.you_waitlisted" => "Vous êtes en liste d'attente, position {n}.", "You are on the waitlist, position {n}.";
    "rsvp.you_not_going" => "Vous avez indiqué ne pas venir.", "You said you are not going.";
    "rsvp.question" => "Venez-vous ?", "Are you going?";
    "rsvp.guests" => "Invités", "Guests";
    "rsvp.guests_hint" => "Personnes qui vous accompagnent (0 à 5).", "People coming with you (0 to 5).";
    "rsvp.yes" => "Oui, je viens", "Yes, I'm going";
    "rsvp.update" => "Mettre à jour", "Update";
    "rsvp.no" => "Non, je ne viens pas", "No, I'm not going";
    "rsvp.sign_in" => "Connectez-vous pour répondre", "Sign in to RSVP";
    "answer.confirm_going" => "Confirmez que vous venez : une place vous est réservée s'il en reste, sinon vous passez en liste d'attente.", "Confirm that you are coming: a seat is yours if one is left, otherwise you join the waitlist.";
    "answer.confirm_release" => "Confirmez que vous ne venez plus : votre place ira à la première personne de la liste d'attente.", "Confirm that you are not coming: your seat goes to the first person on the waitlist.";
    "answer.going_submit" => "Oui, je viens", "Yes, I'm going";
    "answer.release_submit" => "Libérer ma place", "Release my seat";
    "answer.released" => "C'est noté : vous ne venez pas. Merci d'avoir libéré votre place.", "Noted: you are not coming. Thank you for releasing your seat.";
    "answer.see_meetup" => "Voir la rencontre", "See the meetup";
    "rsvp.closed" => "Les inscriptions sont closes.", "RSVPs are closed.";
    "rsvp.cancelled" => "Cette rencontre est annulée.", "This meetup is cancelled.";
    "rsvp.attendees" => "Participants", "Attendees";
    "rsvp.waitlist" => "Liste d'attente", "Waitlist";
    "rsvp.names_for_members" => "Les noms des participants sont visibles des membres du groupe connectés.", "The names of attendees are shown to signed-in members of the group.";
    "rsvp.nobody" => "Personne pour l'instant.", "Nobody yet.";
    "rsvp.plus_guests" => "+{n}", "+{n}";
    "rsvp.saved_going" => "C'est noté : vous participez !", "Done: you are going!";
    "rsvp.saved_waitlisted" => "La rencontre est complète : vous êtes en liste d'attente, position {n}.", "The meetup is full: you are on the waitlist, position {n}.";
    "rsvp.saved_not_going" => "C'est noté : vous ne venez pas.", "Done: you are not going.";
    "checkin.title" => "Pointage des présents", "Check-in";
    "checkin.link" => "Pointer les présents", "Check in attendees";
    "checkin.help" => "Cochez les personnes présentes puis enregistrez.", "Tick who came, then save.";
    "checkin.came" => "Présent·e", "Came";
    "checkin.save" => "Enregistrer le pointage", "Save check-in";
    "checkin.saved" => "Pointage enregistré.", "Check-in saved.";
    "checkin.back" => "Retour à la rencontre", "Back to the meetup";
}
