DROP TABLE invitation_optouts;
DROP TABLE invitations;
