// Sorting and the name filter of the PM comparison table. The table is complete without this
// script; the script only reorders and hides rows, and keeps the choice in the URL so a sorted,
// filtered view can be bookmarked or sent to someone.

type Dir = 'asc' | 'desc';

/**
 * A cell's sort key: its data-sort when it has one, else its text; a numeric column reads the
 * number from the text ("78%", "1,204 h", "3.5 d"), and "–" (no data) sorts last.
 */
const cellValue = (row: HTMLTableRowElement, index: number, numeric: boolean) => {
  const cell = row.cells[index];
  const text = cell?.dataset.sort ?? cell?.textContent?.trim() ?? '';
  if (!numeric) return text;
  const number = text.replace(/[^0-9.\-]/g, '');
  return number === '' || number === '-' ? '' : number;
};

function compare(a: string, b: string, numeric: boolean, dir: Dir): number {
  // Missing values go last whichever way the column is sorted.
  if (a === '' || b === '') return (a === '' ? 1 : 0) - (b === '' ? 1 : 0);
  const order = numeric ? Number(a) - Number(b) : a.localeCompare(b, 'en');
  return dir === 'asc' ? order : -order;
}

function sortBy(table: HTMLTableElement, key: string, dir: Dir): void {
  // The last heading row holds one cell per column (the row above groups them by area).
  const headers = [...table.tHead!.rows[table.tHead!.rows.length - 1]!.cells];
  const index = headers.findIndex((th) => th.dataset.key === key);
  if (index < 0) return;
  const numeric = headers[index]!.dataset.type === 'number';
  const body = table.tBodies[0]!;
  const rows = [...body.rows].sort((r1, r2) => compare(cellValue(r1, index, numeric), cellValue(r2, index, numeric), numeric, dir));
  body.append(...rows);
  for (const th of headers) th.removeAttribute('aria-sort');
  headers[index]!.setAttribute('aria-sort', dir === 'asc' ? 'ascending' : 'descending');
}

function filterRows(table: HTMLTableElement, query: string): void {
  const needle = query.trim().toLowerCase();
  for (const row of table.tBodies[0]!.rows) {
    row.hidden = needle !== '' && !(row.cells[0]?.textContent ?? '').toLowerCase().includes(needle);
  }
}

function remember(changes: Record<string, string>): void {
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(changes)) {
    if (value) url.searchParams.set(name, value);
    else url.searchParams.delete(name);
  }
  history.replaceState(null, '', url);
}

function wire(table: HTMLTableElement): void {
  for (const th of table.querySelectorAll<HTMLTableCellElement>('thead th[data-key]')) {
    th.querySelector('button')?.addEventListener('click', () => {
      const current = th.getAttribute('aria-sort');
      const first = (th.dataset.first as Dir | undefined) ?? 'asc';
      const dir: Dir = current === null ? first : current === 'ascending' ? 'desc' : 'asc';
      sortBy(table, th.dataset.key!, dir);
      remember({ sort: th.dataset.key!, dir });
    });
  }
  const filter = document.querySelector<HTMLInputElement>(`input[data-filter-for="${table.id}"]`);
  filter?.addEventListener('input', () => {
    filterRows(table, filter.value);
    remember({ q: filter.value });
  });
  const params = new URL(location.href).searchParams;
  const sort = params.get('sort');
  if (sort) sortBy(table, sort, params.get('dir') === 'desc' ? 'desc' : 'asc');
  if (filter && params.get('q')) {
    filter.value = params.get('q')!;
    filterRows(table, filter.value);
  }
}

for (const table of document.querySelectorAll<HTMLTableElement>('table[data-sortable]')) wire(table);
