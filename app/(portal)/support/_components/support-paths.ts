/** Where the support console's pages are (SPEC §4.14): its own, beside the pages an organization's members use. */
export const supportPaths = {
  organization: (id: string) => `/support/organizations/${id}`,
  users: (id: string) => `/support/organizations/${id}/users`,
  emailLog: (id: string) => `/support/organizations/${id}/email-log`,
  auditLog: (id: string) => `/support/organizations/${id}/audit-log`,
  /** Members' pages, as the lists link them: `${members}/${id}`. */
  members: "/support/members",
  member: (id: string) => `/support/members/${id}`,
};
