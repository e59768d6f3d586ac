import { css } from 'lit';

/** Styles every view shares: tables, cards, buttons, focus rings, badges. */
export const shared = css`
  :host {
    display: block;
    font-family: var(--si-font);
    color: var(--si-text);
  }
  h2 {
    font-size: 1.25rem;
    margin: 1rem 0 0.5rem;
  }
  h3 {
    font-size: 1.05rem;
    margin: 1rem 0 0.5rem;
  }
  a {
    color: var(--si-accent);
  }
  button,
  select,
  input {
    font: inherit;
    color: inherit;
  }
  button {
    background: var(--si-bg);
    border: 1px solid var(--si-border);
    border-radius: 4px;
    padding: 0.35rem 0.7rem;
    cursor: pointer;
  }
  /* a table's downloads: CSV and Excel side by side */
  .exports {
    display: inline-flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  button.link {
    border: none;
    background: none;
    padding: 0;
    color: var(--si-accent);
    text-decoration: underline;
    text-align: left;
  }
  select,
  input {
    border: 1px solid var(--si-border);
    border-radius: 4px;
    padding: 0.3rem 0.4rem;
    background: var(--si-bg);
  }
  /* a dark ring with a white halo: visible on white, on grey surfaces and on the dark badges alike */
  :focus-visible {
    outline: 3px solid var(--si-focus);
    outline-offset: 2px;
    box-shadow: 0 0 0 2px var(--si-bg);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .table-wrap {
    overflow-x: auto;
  }
  table {
    border-collapse: collapse;
    width: 100%;
    font-size: 0.92rem;
  }
  caption {
    text-align: left;
    font-weight: 600;
    padding: 0.4rem 0;
  }
  th,
  td {
    padding: 0.35rem 0.5rem;
    border-bottom: 1px solid var(--si-border);
    text-align: left;
    vertical-align: middle;
  }
  th {
    background: var(--si-surface);
    white-space: nowrap;
  }
  td.num,
  th.num {
    text-align: right;
    font-variant-numeric: tabular-nums;
  }
  .badge {
    display: inline-block;
    padding: 0.1rem 0.45rem;
    border-radius: 999px;
    color: #fff;
    font-size: 0.8rem;
    white-space: nowrap;
  }
  .badge.excellent {
    background: var(--si-band-excellent);
  }
  /* light fills take dark text: every badge keeps a contrast of 4.5:1 or more */
  .badge.good {
    background: var(--si-band-good);
    color: #1a1a1a;
  }
  .badge.average {
    background: var(--si-band-average);
    color: #1a1a1a;
  }
  .badge.weak {
    background: var(--si-band-weak);
  }
  .badge.none {
    background: var(--si-muted);
  }
  .muted {
    color: var(--si-muted);
  }
  .cards {
    display: grid;
    grid-template-columns: repeat(auto-fit, minmax(10rem, 1fr));
    gap: 0.6rem;
    margin: 0.6rem 0;
  }
  .card {
    background: var(--si-surface);
    border-radius: 6px;
    padding: 0.6rem 0.8rem;
  }
  .card .label {
    font-size: 0.82rem;
    color: var(--si-muted);
  }
  .card .value {
    font-size: 1.35rem;
    font-weight: 600;
  }
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.6rem;
    align-items: end;
    margin: 0.6rem 0;
  }
  .toolbar .field {
    display: flex;
    flex-direction: column;
    gap: 0.15rem;
  }
  .toolbar .field label {
    font-size: 0.82rem;
    color: var(--si-muted);
  }
  .state {
    padding: 1.5rem;
    text-align: center;
    color: var(--si-muted);
  }
  .up {
    color: var(--si-up);
  }
  .down {
    color: var(--si-down);
  }
  .print-only {
    display: none;
  }
  @media print {
    .no-print {
      display: none !important;
    }
    .print-only {
      display: block;
    }
  }
`;
