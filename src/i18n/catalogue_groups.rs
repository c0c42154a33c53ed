//! Texts of the groups pages, French then English.

crate::catalogue! {
    "groups.placeholder" => "—", "—";
}
