//! Enumerations stored as text columns (`'PENALTY_SHOOTOUT'`) and exposed as GraphQL enums.
//! The CHECK constraints in the migrations list the same values.

/// Declares a GraphQL enum whose variants are stored as their SCREAMING_CASE names.
#[macro_export]
macro_rules! text_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident => $text:literal,)+ }) => {
        $(#[$meta])*
        #[derive(async_graphql::Enum, Copy, Clone, Debug, PartialEq, Eq, Hash)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)+
        }

        impl $name {
            /// The value as stored in the database.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Self::$variant => $text,)+
                }
            }

            /// Reads a stored value; the database's CHECK constraint keeps it known.
            pub fn from_db(text: &str) -> Result<Self, $crate::error::AppError> {
                match text {
                    $($text => Ok(Self::$variant),)+
                    other => Err($crate::error::AppError::Internal(format!(
                        "unknown {} `{}` in the database",
                        stringify!($name),
                        other
                    ))),
                }
            }
        }
    };
}
