/** "My Account" (SPEC §4.9): every organization member's own page, from the menu under their name. */
export const MY_ACCOUNT_PATH = "/account";

/** Where the links of the emails about a member's addresses lead; the raw secret follows the slash. */
export const EMAIL_LINK_PATHS = { "email-verify": "/verify-email", "email-undo": "/undo-email-change" } as const;
