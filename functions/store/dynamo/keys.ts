/**
 * Key shapes of the single table (docs/data-model.md). Every partition key
 * starts with the kind of item; the province is always part of the key.
 */
export const key = {
  record: (province: string, unitCode: string, date: string) => ({
    pk: `REC#${province}#${date.slice(0, 7)}`,
    sk: `${unitCode}#${date}`,
  }),
  recordMonth: (province: string, month: string) => `REC#${province}#${month}`,
  revision: (province: string, unitCode: string, date: string, revision: number) => ({
    pk: `REV#${province}#${unitCode}#${date}`,
    sk: String(revision).padStart(6, '0'),
  }),
  revisions: (province: string, unitCode: string, date: string) => `REV#${province}#${unitCode}#${date}`,
  rejectionMonth: (province: string, month: string) => `REJ#${province}#${month}`,
  receipt: (id: string) => `SUB#${id}`,
  token: (hash: string) => ({ pk: `TOKEN#${hash}`, sk: 'TOKEN' }),
  rollups: (province: string) => `AGG#${province}`,
  snapshots: (province: string, methodology: string, periodKey: string) =>
    `SNAP#${province}#${methodology}#${periodKey}`,
  meta: (province: string) => ({ pk: `META#${province}`, sk: 'META' }),
  /** what the province's observations of the national portal cover: periods, latest day */
  portalMeta: (province: string) => ({ pk: `META#${province}`, sk: 'PORTAL' }),
  /** a period's observations: the header at sk = day, each unit at sk = day#portalCode */
  observations: (province: string, periodKey: string) => `OBS#${province}#${periodKey}`,
  observationRevisions: (province: string, periodKey: string, day: string, portalCode: string) =>
    `OBSREV#${province}#${periodKey}#${day}#${portalCode}`,
  /** how the province's portal units match official units, by portal id */
  matches: (province: string) => `MATCH#${province}`,
  lease: (province: string) => ({ pk: `LEASE#${province}`, sk: 'LEASE' }),
  /** the portal's national list of a period, by observation day */
  national: (period: string) => `NATION#${period}`,
  /** the periods the national list was observed for */
  nationalMeta: { pk: 'META#NATION', sk: 'NATION' },
  /** the morning briefing of a day, once announced */
  briefing: (province: string, day: string) => ({ pk: `BRIEF#${province}`, sk: day }),
};
