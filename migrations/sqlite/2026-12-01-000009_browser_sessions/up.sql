-- Signed-in browsers: the cookie holds a random key, stored here hashed, so that signing out
-- ends the session on the server too (a copied cookie stops working).
CREATE TABLE browser_sessions (
    key_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TIMESTAMP NOT NULL
);
CREATE INDEX browser_sessions_user ON browser_sessions (user_id);
