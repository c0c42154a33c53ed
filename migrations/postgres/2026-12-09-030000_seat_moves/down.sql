DROP TABLE seat_moves;
