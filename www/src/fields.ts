/**
 * The onboarding forms, described as data: every field carries the API's own path
 * (`Address.Country`, `LegalRepresentative.Birthday`), so validator and server errors, which are
 * keyed by those paths, land on the right field without any translation table.
 */

/** How a field is edited and how its value goes on the wire. */
export type FieldKind = "text" | "email" | "tel" | "date" | "country" | "select" | "radio" | "checkbox";

/** One form field, named by its API path. */
export interface FieldDef {
  path: string;
  label: string;
  kind: FieldKind;
  autocomplete?: string;
  options?: Array<[string, string]>;
  hint?: string;
}

/** A group of fields; `path` names the API object it fills (errors on the object itself land on its legend). */
export interface SectionDef {
  legend: string;
  path?: string;
  fields: FieldDef[];
}

/** Which user kind a form creates. */
export type PersonType = "NATURAL" | "LEGAL";

const category: FieldDef = {
  path: "UserCategory",
  label: "What will you do here?",
  kind: "radio",
  options: [
    ["PAYER", "Pay only (PAYER)"],
    ["OWNER", "Pay and get paid (OWNER, needs strong authentication)"],
  ],
};

const terms: FieldDef = {
  path: "TermsAndConditionsAccepted",
  label: "I accept the terms and conditions",
  kind: "checkbox",
};

function address(prefix: string, legend: string): SectionDef {
  return {
    legend,
    path: prefix,
    fields: [
      { path: `${prefix}.AddressLine1`, label: "Street and number", kind: "text", autocomplete: "address-line1" },
      { path: `${prefix}.AddressLine2`, label: "Address line 2", kind: "text", autocomplete: "address-line2" },
      { path: `${prefix}.City`, label: "City", kind: "text", autocomplete: "address-level2" },
      { path: `${prefix}.Region`, label: "Region or state", kind: "text", autocomplete: "address-level1" },
      { path: `${prefix}.PostalCode`, label: "Postal code", kind: "text", autocomplete: "postal-code" },
      { path: `${prefix}.Country`, label: "Country", kind: "country", autocomplete: "country" },
    ],
  };
}

function phone(prefix: string): FieldDef[] {
  return [
    { path: `${prefix}PhoneNumberCountry`, label: "Phone country", kind: "country" },
    {
      path: `${prefix}PhoneNumber`,
      label: "Phone number",
      kind: "tel",
      autocomplete: "tel",
      hint: "International (+33…) or local with the phone country",
    },
  ];
}

/** The natural-user creation form (`createNaturalSca`). */
export const naturalCreate: SectionDef[] = [
  { legend: "Account", fields: [category] },
  {
    legend: "About you",
    fields: [
      { path: "FirstName", label: "First name", kind: "text", autocomplete: "given-name" },
      { path: "LastName", label: "Last name", kind: "text", autocomplete: "family-name" },
      { path: "Email", label: "Email", kind: "email", autocomplete: "email" },
      { path: "Birthday", label: "Date of birth", kind: "date", autocomplete: "bday" },
      { path: "Nationality", label: "Nationality", kind: "country" },
      { path: "CountryOfResidence", label: "Country of residence", kind: "country" },
      ...phone(""),
    ],
  },
  address("Address", "Address"),
  { legend: "Terms", fields: [terms] },
];

const legalPersonTypes: Array<[string, string]> = [
  ["BUSINESS", "Business"],
  ["PARTNERSHIP", "Partnership"],
  ["ORGANIZATION", "Organization (non-profit)"],
  ["SOLETRADER", "Sole trader"],
];

/** The legal-user creation form (`createLegalSca`). */
export const legalCreate: SectionDef[] = [
  { legend: "Account", fields: [category] },
  {
    legend: "Company",
    fields: [
      { path: "Name", label: "Company name", kind: "text", autocomplete: "organization" },
      { path: "LegalPersonType", label: "Legal form", kind: "select", options: legalPersonTypes },
      { path: "Email", label: "Company email", kind: "email", autocomplete: "email" },
      { path: "CompanyNumber", label: "Company number", kind: "text" },
    ],
  },
  address("HeadquartersAddress", "Headquarters address"),
  {
    legend: "Legal representative",
    path: "LegalRepresentative",
    fields: [
      { path: "LegalRepresentative.FirstName", label: "First name", kind: "text" },
      { path: "LegalRepresentative.LastName", label: "Last name", kind: "text" },
      { path: "LegalRepresentative.Email", label: "Email", kind: "email" },
      { path: "LegalRepresentative.Birthday", label: "Date of birth", kind: "date" },
      { path: "LegalRepresentative.Nationality", label: "Nationality", kind: "country" },
      { path: "LegalRepresentative.CountryOfResidence", label: "Country of residence", kind: "country" },
      ...phone("LegalRepresentative."),
    ],
  },
  { legend: "Terms", fields: [terms] },
];

/** The fields a PAYER adds to become an OWNER (`categorizeNatural`). */
export const naturalCategorize: SectionDef[] = [
  {
    legend: "About you",
    fields: [
      { path: "Birthday", label: "Date of birth", kind: "date", autocomplete: "bday" },
      { path: "Nationality", label: "Nationality", kind: "country" },
      { path: "CountryOfResidence", label: "Country of residence", kind: "country" },
    ],
  },
  { legend: "Terms", fields: [terms] },
];

/** The fields a legal PAYER adds to become an OWNER (`categorizeLegal`); `CompanyNumber` only for a BUSINESS. */
export function legalCategorize(business: boolean): SectionDef[] {
  return [
    ...(business
      ? [{ legend: "Company", fields: [{ path: "CompanyNumber", label: "Company number", kind: "text" as const }] }]
      : []),
    address("HeadquartersAddress", "Headquarters address"),
    {
      legend: "Legal representative",
      path: "LegalRepresentative",
      fields: [
        { path: "LegalRepresentative.Email", label: "Email", kind: "email" },
        { path: "LegalRepresentative.Birthday", label: "Date of birth", kind: "date" },
        { path: "LegalRepresentative.Nationality", label: "Nationality", kind: "country" },
        { path: "LegalRepresentative.CountryOfResidence", label: "Country of residence", kind: "country" },
      ],
    },
    { legend: "Terms", fields: [terms] },
  ];
}

/** The inner fields an address needs once it is required (the validators report the object itself). */
export const ADDRESS_REQUIRED_INNER = ["AddressLine1", "City", "PostalCode", "Country"];
