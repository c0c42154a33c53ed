//! Texts of the meetups pages (talks, programme, venue suggestions), French then English.

crate::catalogue! {
    "error.duration_invalid" => "La durée doit être comprise entre 5 et 120 minutes.", "The duration must be between 5 and 120 minutes.";
    "error.position_invalid" => "Position invalide : choisissez une place entre 1 et le nombre d'exposés acceptés.", "Invalid position: choose a place between 1 and the number of accepted talks.";
    "error.position_not_accepted" => "Seuls les exposés acceptés ont une place dans le programme.", "Only accepted talks have a place in the programme.";
    "error.talk_status_invalid" => "Le statut doit être accepted, rejected ou proposed.", "The status must be accepted, rejected or proposed.";
    "error.meetup_invalid" => "Cette rencontre n'appartient pas au groupe.", "This meetup does not belong to the group.";

    "talks.programme" => "Programme", "Programme";
    "talks.programme_empty" => "Le programme n'est pas encore publié.", "The programme has not been published yet.";
    "talks.programme_line" => "{time} — {title} ({speaker}, {minutes} min)", "{time} — {title} ({speaker}, {minutes} min)";
    "talks.programme_line_no_speaker" => "{time} — {title} ({minutes} min)", "{time} — {title} ({minutes} min)";
    "talks.propose" => "Proposer un exposé", "Propose a talk";
    "talks.propose_submit" => "Envoyer ma proposition", "Send my proposal";
    "talks.proposals" => "Propositions d'exposés", "Talk proposals";
    "talks.my_proposals" => "Mes propositions", "My proposals";
    "talks.title" => "Titre", "Title";
    "talks.abstract" => "Résumé", "Abstract";
    "talks.duration" => "Durée (minutes)", "Duration (minutes)";
    "talks.duration_hint" => "Entre 5 et 120 minutes.", "Between 5 and 120 minutes.";
    "talks.speaker_name" => "Orateur ou oratrice (si ce n'est pas vous)", "Speaker (if not you)";
    "talks.position" => "Place dans le programme", "Place in the programme";
    "talks.minutes" => "{minutes} min", "{minutes} min";
    "talks.by" => "par {name}", "by {name}";
    "talks.status.proposed" => "Proposé", "Proposed";
    "talks.status.accepted" => "Accepté", "Accepted";
    "talks.status.rejected" => "Refusé", "Rejected";
    "talks.status.withdrawn" => "Retiré", "Withdrawn";
    "talks.edit" => "Modifier", "Edit";
    "talks.save" => "Enregistrer", "Save";
    "talks.accept" => "Accepter", "Accept";
    "talks.reject" => "Refuser", "Reject";
    "talks.reopen" => "Rouvrir la décision", "Reopen the decision";
    "talks.move" => "Déplacer", "Move";
    "talks.withdraw" => "Retirer", "Withdraw";
    "talks.withdraw_confirm" => "Retirer cet exposé ? Il quittera le programme.", "Withdraw this talk? It will leave the programme.";
    "talks.proposed_flash" => "Merci ! Votre proposition a été envoyée aux organisateurs.", "Thank you! Your proposal was sent to the organisers.";
    "talks.decided_flash" => "Décision enregistrée.", "Decision saved.";
    "talks.withdrawn_flash" => "L'exposé a été retiré.", "The talk was withdrawn.";
    "talks.mail_accepted_subject" => "Votre exposé « {title} » est accepté", "Your talk \"{title}\" is accepted";
    "talks.mail_rejected_subject" => "Votre exposé « {title} » n'a pas été retenu", "Your talk \"{title}\" was not selected";

    "venue_suggestions.title" => "Lieux suggérés", "Suggested venues";
    "venue_suggestions.empty" => "Aucune suggestion de lieu pour l'instant.", "No venue suggestions yet.";
    "venue_suggestions.suggest" => "Suggérer un lieu", "Suggest a venue";
    "venue_suggestions.suggest_submit" => "Envoyer la suggestion", "Send the suggestion";
    "venue_suggestions.name" => "Nom du lieu", "Venue name";
    "venue_suggestions.address" => "Adresse", "Address";
    "venue_suggestions.url" => "Site web", "Website";
    "venue_suggestions.note" => "Pourquoi ce lieu ?", "Why this place?";
    "venue_suggestions.for_meetup" => "Pour la rencontre", "For the meetup";
    "venue_suggestions.any_meetup" => "Pour une prochaine rencontre", "For a future meetup";
    "venue_suggestions.votes" => "{count} vote(s)", "{count} vote(s)";
    "venue_suggestions.vote" => "Voter pour ce lieu", "Vote for this place";
    "venue_suggestions.unvote" => "Retirer mon vote", "Remove my vote";
    "venue_suggestions.voted" => "Vous avez voté pour ce lieu.", "You voted for this place.";
    "venue_suggestions.accept" => "Accepter ce lieu", "Accept this venue";
    "venue_suggestions.decline" => "Décliner", "Decline";
    "venue_suggestions.suggested_by" => "Suggéré par {name}", "Suggested by {name}";
    "venue_suggestions.status.open" => "Ouverte", "Open";
    "venue_suggestions.status.accepted" => "Acceptée", "Accepted";
    "venue_suggestions.status.declined" => "Déclinée", "Declined";
    "venue_suggestions.suggested_flash" => "Merci pour la suggestion !", "Thanks for the suggestion!";
    "venue_suggestions.accepted_flash" => "Le lieu a été ajouté aux lieux du groupe.", "The venue was added to the group's venues.";
    "venue_suggestions.declined_flash" => "La suggestion a été déclinée.", "The suggestion was declined.";
}
