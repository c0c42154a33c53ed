# Co-organisation : une rencontre partagée par deux groupes.
mail-cohost_invited-subject = { $group } propose à { $cohost } de co-organiser : { $title }
mail-cohost_invited-intro = { $group } invite { $cohost } à co-organiser « { $title } » ({ $when }). Une fois acceptée, la rencontre apparaît sur la page, le calendrier et l’encart de votre groupe, vos membres en sont informés et peuvent répondre, et vos organisateurs peuvent pointer les arrivées et écrire aux participants.
mail-cohost_invited-action = Accepter ou refuser
mail-reason-cohost = Vous recevez cet e-mail parce que vous organisez un groupe que { $group } a invité à co-organiser une rencontre.
conflict-cohost_already_asked = Ce groupe a déjà été invité à co-organiser cette rencontre.
conflict-cohost_not_pending = Cette invitation a déjà reçu une réponse.
error-cohost_own_group = Le groupe de la rencontre ne peut pas la co-organiser.
error-cohost_group_unknown = Aucun groupe n’a cette adresse.
cohosts-title = Co-organisation
cohosts-intro = D’autres groupes invitent { $group } à co-organiser ces rencontres. Une fois acceptée, une rencontre apparaît sur la page, le calendrier et l’encart du groupe, et ses membres peuvent répondre.
cohosts-none = Aucune invitation en attente.
cohosts-invited_by = Invitation de { $group }
cohosts-accept = Accepter
cohosts-decline = Refuser
cohosts-accepted = Acceptée : la rencontre est sur la page du groupe.
cohosts-declined = Refusée.
