//! Password hashing with argon2id, at the cost it is given (configuration sets it; tests lower it).

use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

/// How much work one hash takes.
#[derive(Clone, Copy, Debug)]
pub struct Argon2Cost {
    pub memory_kib: u32,
    pub iterations: u32,
}

fn hasher(cost: Argon2Cost) -> Argon2<'static> {
    let params =
        Params::new(cost.memory_kib.max(8), cost.iterations.max(1), 1, None).unwrap_or_default();
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

pub fn hash_password(password: &str, cost: Argon2Cost) -> Result<String, String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher(cost)
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| e.to_string())
}

/// The parameters stored in the hash are used, so changing the configured cost keeps old hashes valid.
pub fn verify_password(password: &str, stored: &str) -> bool {
    PasswordHash::new(stored)
        .map(|parsed| {
            Argon2::default()
                .verify_password(password.as_bytes(), &parsed)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_verify_and_differ_by_salt() {
        let cost = Argon2Cost {
            memory_kib: 64,
            iterations: 1,
        };
        let a = hash_password("correct horse", cost).unwrap();
        let b = hash_password("correct horse", cost).unwrap();
        assert!(a.starts_with("$argon2id$"));
        assert_ne!(a, b);
        assert!(verify_password("correct horse", &a));
        assert!(!verify_password("wrong horse!", &a));
        assert!(!verify_password("correct horse", "not a hash"));
    }
}
