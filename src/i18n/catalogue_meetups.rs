//! Texts of the meetups pages, French then English.

crate::catalogue! {
    "meetups.placeholder" => "—", "—";
}
