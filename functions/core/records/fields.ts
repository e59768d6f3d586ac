/**
 * The daily record: one unit, one day (DESIGN.md, "CONTRACT: the daily record").
 * This list is the contract's single source: the schema, the CSV header, the
 * aggregation and the generator all read it.
 */

/** How a count is carried over a period: summed over its days, or taken from its latest day. */
export type Aggregation = 'sum' | 'last';

/**
 * The contract's versions. Version 2 adds, at the end, the fields the national
 * portal scores communes on since 2026 (population data, full-online
 * dossiers). They are optional in a submission: a version-1 row stays valid,
 * and a field it does not carry counts as 0 (the receipt says so).
 */
export const CONTRACT_VERSION = 2;

export const COUNT_FIELDS = [
  { name: 'received', agg: 'sum', label: 'dossiers received' },
  { name: 'receivedOnline', agg: 'sum', label: 'dossiers submitted online' },
  { name: 'resolvedEarly', agg: 'sum', label: 'dossiers resolved before their deadline' },
  { name: 'resolvedOnTime', agg: 'sum', label: 'dossiers resolved on their deadline day' },
  { name: 'resolvedLate', agg: 'sum', label: 'dossiers resolved after their deadline' },
  { name: 'pendingWithinDeadline', agg: 'last', label: 'dossiers in progress, deadline not passed' },
  { name: 'pendingOverdue', agg: 'last', label: 'dossiers in progress, past deadline' },
  { name: 'syncedToPortal', agg: 'sum', label: 'received dossiers synced to the national portal' },
  { name: 'proceduresDuePublication', agg: 'last', label: 'procedures whose publication fell due' },
  { name: 'proceduresPublishedOnTime', agg: 'last', label: 'procedures published on time' },
  { name: 'proceduresDueUpdate', agg: 'last', label: 'procedures whose update fell due' },
  { name: 'proceduresUpdatedOnTime', agg: 'last', label: 'procedures updated on time' },
  { name: 'proceduresPublic', agg: 'last', label: 'procedures made public' },
  { name: 'proceduresPublicFullContent', agg: 'last', label: 'public procedures with full content' },
  { name: 'dossiersWithFee', agg: 'sum', label: 'dossiers with a financial obligation' },
  { name: 'dossiersPaidOnline', agg: 'sum', label: 'dossiers paid online' },
  { name: 'feeProcedures', agg: 'last', label: 'fee-bearing procedures' },
  {
    name: 'feeProceduresOnlinePayment',
    agg: 'last',
    label: 'fee-bearing procedures offered for online payment',
  },
  {
    name: 'feeProceduresWithOnlineTransaction',
    agg: 'last',
    label: 'fee-bearing procedures with an online transaction',
  },
  { name: 'resultsIssued', agg: 'sum', label: 'results issued' },
  { name: 'resultsElectronic', agg: 'sum', label: 'results issued as electronic originals' },
  { name: 'dossiersDigitized', agg: 'sum', label: 'received dossiers digitized' },
  { name: 'certifiedCopyOffered', agg: 'last', label: 'electronic certified copies offered (1 or 0)' },
  { name: 'dossiersReusingData', agg: 'sum', label: 'dossiers that reused digitized data' },
  {
    name: 'resultsSyncedPersonalStore',
    agg: 'sum',
    label: "results synced to the citizen's personal data store",
  },
  { name: 'petitionsDue', agg: 'sum', label: 'complaints and feedback due' },
  { name: 'petitionsOnTime', agg: 'sum', label: 'complaints and feedback handled on time' },
  { name: 'petitionsRated', agg: 'sum', label: 'handled petitions that got a rating' },
  { name: 'petitionsSatisfied', agg: 'sum', label: 'rated petitions marked satisfied' },
  { name: 'dossiersComplainedOrDisliked', agg: 'sum', label: 'dossiers with a complaint or a "dislike"' },
  {
    name: 'dossiersUsingPopulationData',
    agg: 'sum',
    label: 'received dossiers that used the national population database',
    since: 2,
  },
  { name: 'procedures', agg: 'last', label: 'administrative procedures the unit handles', since: 2 },
  {
    name: 'proceduresConnectedPopulationData',
    agg: 'last',
    label: 'procedures connected to the national population database',
    since: 2,
  },
  {
    name: 'dossiersFullOnlineEligible',
    agg: 'sum',
    label: 'received dossiers of procedures offered fully online',
    since: 2,
  },
  { name: 'dossiersFullOnline', agg: 'sum', label: 'of which submitted and handled fully online', since: 2 },
] as const satisfies readonly { name: string; agg: Aggregation; label: string; since?: number }[];

export type CountField = (typeof COUNT_FIELDS)[number]['name'];

export const COUNT_FIELD_NAMES: readonly CountField[] = COUNT_FIELDS.map((f) => f.name);

/** Every column of the contract, keys first: the CSV header in this order. */
export const RECORD_FIELD_NAMES: readonly string[] = ['unitCode', 'date', ...COUNT_FIELD_NAMES];

/** The fields a submission may leave out: those added after version 1 of the contract. */
export const OPTIONAL_FIELD_NAMES: readonly CountField[] = COUNT_FIELDS.filter((f) => 'since' in f).map(
  (f) => f.name,
);

/** The fields every row must carry: the keys and version 1's counts. */
export const REQUIRED_FIELD_NAMES: readonly string[] = RECORD_FIELD_NAMES.filter(
  (f) => !(OPTIONAL_FIELD_NAMES as readonly string[]).includes(f),
);

/** One unit, one day, after validation. */
export type DailyRecord = { unitCode: string; date: string } & Record<CountField, number>;

/**
 * Parts that can never exceed their whole. Each pair is checked on every row;
 * a breach rejects the row and names the part.
 */
export const PART_OF_WHOLE: readonly { part: CountField; whole: CountField }[] = [
  { part: 'receivedOnline', whole: 'received' },
  { part: 'syncedToPortal', whole: 'received' },
  { part: 'dossiersDigitized', whole: 'received' },
  { part: 'dossiersReusingData', whole: 'received' },
  { part: 'proceduresPublishedOnTime', whole: 'proceduresDuePublication' },
  { part: 'proceduresUpdatedOnTime', whole: 'proceduresDueUpdate' },
  { part: 'proceduresPublicFullContent', whole: 'proceduresPublic' },
  { part: 'dossiersPaidOnline', whole: 'dossiersWithFee' },
  { part: 'feeProceduresOnlinePayment', whole: 'feeProcedures' },
  { part: 'feeProceduresWithOnlineTransaction', whole: 'feeProcedures' },
  { part: 'resultsElectronic', whole: 'resultsIssued' },
  { part: 'resultsSyncedPersonalStore', whole: 'resultsIssued' },
  { part: 'petitionsOnTime', whole: 'petitionsDue' },
  { part: 'petitionsSatisfied', whole: 'petitionsRated' },
  { part: 'dossiersUsingPopulationData', whole: 'received' },
  { part: 'proceduresConnectedPopulationData', whole: 'procedures' },
  { part: 'dossiersFullOnlineEligible', whole: 'received' },
  { part: 'dossiersFullOnline', whole: 'dossiersFullOnlineEligible' },
];

/** Fields that are a yes/no flag rather than a count. */
export const FLAG_FIELDS: readonly CountField[] = ['certifiedCopyOffered'];

/** The first day the commune-level index exists: the two-tier reform of 1 July 2025. */
export const FIRST_DAY = '2025-07-01';
