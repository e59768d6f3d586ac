import * as fc from 'fast-check';

/**
 * Every property runs from a fixed seed, so that a run is the same run on
 * every machine and a failure comes back when run again. FC_SEED explores
 * other seeds on purpose; a property that names its own seed keeps it.
 */
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 766) });
