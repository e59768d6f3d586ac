import * as z from 'zod';

/** The shape of data/vietnam-units.json, the unit list as published. */

const unitSchema = z.object({
  code: z.string().regex(/^\d{5}$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  fullName: z.string().min(1),
  type: z.enum(['ward', 'commune', 'special-zone']),
  provinceCode: z.string().regex(/^\d{2}$/),
});

const provinceSchema = z.object({
  code: z.string().regex(/^\d{2}$/),
  name: z.string().min(1),
  nameEn: z.string().min(1),
  fullName: z.string().min(1),
  units: z.number().int().positive(),
});

export const registrySchema = z.object({
  source: z.string(),
  provinces: z.array(provinceSchema),
  units: z.array(unitSchema),
});

export type Unit = z.infer<typeof unitSchema>;
export type UnitType = Unit['type'];
export type Province = z.infer<typeof provinceSchema>;
