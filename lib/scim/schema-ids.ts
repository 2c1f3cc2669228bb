/** The schema URNs Gatehouse speaks (RFC 7643 §8.7.1, §4.3), and its own extension for what only a phone system has. */
export const USER_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:User";
export const GROUP_SCHEMA = "urn:ietf:params:scim:schemas:core:2.0:Group";
export const ENTERPRISE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/** The extension number and the site: a phone system's, not a directory's (README "Directory sync"). */
export const GATEHOUSE_USER_SCHEMA = "urn:ietf:params:scim:schemas:extension:gatehouse:2.0:User";
export const LIST_RESPONSE = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
export const PATCH_OP = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
export const SCIM_CONTENT_TYPE = "application/scim+json";
