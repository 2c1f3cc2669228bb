import { ENTERPRISE_USER_SCHEMA, GATEHOUSE_USER_SCHEMA, GROUP_SCHEMA, LIST_RESPONSE, USER_SCHEMA } from "./schema-ids";

/**
 * What a directory reads before it provisions (RFC 7644 §4): what this service provider supports, its resource types,
 * and the attributes of its schemas, so an administrator's attribute mapping in Entra or Okta lists Gatehouse's.
 */

export const SCIM_PAGE_LIMIT = 200;

export function serviceProviderConfig(baseUrl: string) {
  return {
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig"],
    documentationUri: `${baseUrl.replace(/\/scim\/v2$/, "")}/help`,
    patch: { supported: true },
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: SCIM_PAGE_LIMIT },
    changePassword: { supported: false },
    sort: { supported: false },
    etag: { supported: false },
    authenticationSchemes: [
      {
        type: "oauthbearertoken",
        name: "Provisioning token",
        description: "A token made by the organization's owner in Organization → Directory sync, sent as Authorization: Bearer <token>.",
        primary: true,
      },
    ],
    meta: { resourceType: "ServiceProviderConfig", location: `${baseUrl}/ServiceProviderConfig` },
  };
}

export function resourceTypes(baseUrl: string) {
  const types = [
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
      id: "User",
      name: "User",
      endpoint: "/Users",
      description: "A member of the organization whose role is Member",
      schema: USER_SCHEMA,
      schemaExtensions: [
        { schema: ENTERPRISE_USER_SCHEMA, required: false },
        { schema: GATEHOUSE_USER_SCHEMA, required: false },
      ],
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/User` },
    },
    {
      schemas: ["urn:ietf:params:scim:schemas:core:2.0:ResourceType"],
      id: "Group",
      name: "Group",
      endpoint: "/Groups",
      description: "A team of the organization",
      schema: GROUP_SCHEMA,
      meta: { resourceType: "ResourceType", location: `${baseUrl}/ResourceTypes/Group` },
    },
  ];
  return types;
}

type Attribute = {
  name: string;
  type: "string" | "boolean" | "complex" | "reference" | "dateTime";
  multiValued: boolean;
  description: string;
  required: boolean;
  caseExact: boolean;
  mutability: "readOnly" | "readWrite" | "immutable";
  returned: "default" | "always";
  uniqueness: "none" | "server";
  subAttributes?: Attribute[];
};
const attribute = (name: string, description: string, extra: Partial<Attribute> = {}): Attribute => ({
  name,
  type: "string",
  multiValued: false,
  description,
  required: false,
  caseExact: false,
  mutability: "readWrite",
  returned: "default",
  uniqueness: "none",
  ...extra,
});
const multiValue = (name: string, description: string, valueDescription: string): Attribute =>
  attribute(name, description, {
    type: "complex",
    multiValued: true,
    subAttributes: [attribute("value", valueDescription), attribute("type", '"work"'), attribute("primary", "The one Gatehouse keeps", { type: "boolean" })],
  });

export function schemas(baseUrl: string) {
  const schema = (id: string, name: string, description: string, attributes: Attribute[]) => ({
    schemas: ["urn:ietf:params:scim:schemas:core:2.0:Schema"],
    id,
    name,
    description,
    attributes,
    meta: { resourceType: "Schema", location: `${baseUrl}/Schemas/${id}` },
  });
  return [
    schema(USER_SCHEMA, "User", "A member of the organization", [
      attribute("userName", "The directory's name for the member; an email address also becomes their address", { required: true, uniqueness: "server" }),
      attribute("externalId", "The directory's own id for the member", { caseExact: true }),
      attribute("name", "First and last name", {
        type: "complex",
        subAttributes: [attribute("givenName", "First name"), attribute("familyName", "Last name"), attribute("formatted", "Full name", { mutability: "readOnly" })],
      }),
      attribute("displayName", "Full name, when name is not sent"),
      attribute("active", "false disables the member (sessions end, links stop); true brings them back", { type: "boolean" }),
      multiValue("emails", "The work (or primary) address: welcome email and password resets go to it", "An email address"),
      multiValue("phoneNumbers", "The work number: the member's direct number, stored as E.164", "A phone number with its area code"),
      attribute("groups", "The member's team", { type: "complex", multiValued: true, mutability: "readOnly" }),
    ]),
    schema(ENTERPRISE_USER_SCHEMA, "EnterpriseUser", "The enterprise extension", [attribute("department", "Department")]),
    schema(GATEHOUSE_USER_SCHEMA, "GatehouseUser", "What only a phone system has", [
      attribute("extension", "The phone extension, 2 to 8 digits, unique in the organization", { uniqueness: "server" }),
      attribute("site", "The name of one of the organization's sites"),
      attribute("loginName", "The login name Gatehouse made for the member", { mutability: "readOnly" }),
      attribute("status", "Pending, Active or Disabled", { mutability: "readOnly" }),
    ]),
    schema(GROUP_SCHEMA, "Group", "A team of the organization", [
      attribute("displayName", "The team's name", { required: true, uniqueness: "server" }),
      attribute("members", "The team's people (members whose role is Member)", { type: "complex", multiValued: true }),
    ]),
  ];
}

export function listOf<T>(resources: T[]) {
  return { schemas: [LIST_RESPONSE], totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length, Resources: resources };
}
