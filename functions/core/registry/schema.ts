import * as z from '#core/zod.ts';

/** The shape of data/vietnam-units.json, the unit list as published. */

const unitSchema = z.object({
  code: z.string().check(z.regex(/^\d{5}$/)),
  name: z.string().check(z.minLength(1)),
  nameEn: z.string().check(z.minLength(1)),
  fullName: z.string().check(z.minLength(1)),
  type: z.enum(['ward', 'commune', 'special-zone']),
  provinceCode: z.string().check(z.regex(/^\d{2}$/)),
});

const provinceSchema = z.object({
  code: z.string().check(z.regex(/^\d{2}$/)),
  name: z.string().check(z.minLength(1)),
  nameEn: z.string().check(z.minLength(1)),
  fullName: z.string().check(z.minLength(1)),
  units: z.int().check(z.positive()),
});

export const registrySchema = z.object({
  source: z.string(),
  provinces: z.array(provinceSchema),
  units: z.array(unitSchema),
});

export type Unit = z.infer<typeof unitSchema>;
export type UnitType = Unit['type'];
export type Province = z.infer<typeof provinceSchema>;
