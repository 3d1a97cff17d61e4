// The dataset as one SQLite database (node:sqlite, Node 24's own SQLite), ready for Datasette or the
// sqlite3 shell: models, nights (each calendar night with its outcome and reason), events, stays on
// each list, figures as change points, and `daily`, a view giving the long form (one row per model and
// night) from them. The long form itself is not stored: at 60,000 models a year is ~22 million rows,
// ~500 MB in SQLite, where the change points it is made of take a fraction (docs/dataset.md).
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { dateOfDay, dayNumber } from '../../store/dates.ts';
import type { NightRecord } from '../../store/nights-file.ts';
import type { ModelRecord } from '../../store/record.ts';
import type { EventLog, Track } from '../../store/types.ts';
import { intervalPairs } from '../../store/tracks.ts';

/** The last record seen of a model on the catalog list, and the night it is from. */
export interface KnownRecord {
  date: string;
  record: ModelRecord;
}

/** Everything the database is made of. */
export interface SqliteInputs {
  /** Every id ever on either list, in the order the `model` keys follow (compareIds). */
  ids: readonly string[];
  tracks: ReadonlyMap<string, Track>;
  log: EventLog;
  nights: readonly NightRecord[];
  records: ReadonlyMap<string, KnownRecord>;
}

/** The schema: tables, then (after the rows are in) indexes and views. Documented in docs/dataset.md. */
export const SQLITE_TABLES = `
CREATE TABLE models (
  model INTEGER PRIMARY KEY,
  id TEXT NOT NULL UNIQUE,
  owner TEXT NOT NULL,
  name TEXT NOT NULL,
  upstream_id INTEGER,
  first_seen TEXT,
  last_seen TEXT,
  listed_now INTEGER NOT NULL,
  nights_listed INTEGER NOT NULL,
  stays INTEGER NOT NULL,
  first_served TEXT,
  last_served TEXT,
  served_now INTEGER NOT NULL,
  nights_served INTEGER NOT NULL,
  gateway_stays INTEGER NOT NULL,
  likes INTEGER,
  downloads INTEGER,
  gen_images INTEGER,
  record_date TEXT,
  chinese_name TEXT,
  owner_full_name TEXT,
  inference_type TEXT,
  aigc_type TEXT,
  vision_foundation TEXT,
  license TEXT,
  tasks TEXT,
  tags TEXT,
  base_models TEXT,
  parameters INTEGER,
  created_at TEXT,
  openai_api INTEGER,
  openai_api_since TEXT
);
CREATE TABLE nights (
  day INTEGER PRIMARY KEY,
  date TEXT NOT NULL UNIQUE,
  outcome TEXT NOT NULL CHECK (outcome IN ('published', 'refused', 'failed', 'cancelled', 'unrecorded')),
  reason TEXT,
  previous TEXT,
  models INTEGER,
  entered INTEGER,
  left INTEGER,
  returned INTEGER,
  renamed INTEGER,
  gateway INTEGER,
  served INTEGER,
  unserved INTEGER,
  served_again INTEGER
);
CREATE TABLE events (
  date TEXT NOT NULL,
  kind TEXT NOT NULL,
  id TEXT NOT NULL,
  model INTEGER REFERENCES models(model),
  likes INTEGER,
  downloads INTEGER,
  from_id TEXT
);
CREATE TABLE stays (
  model INTEGER NOT NULL REFERENCES models(model),
  list TEXT NOT NULL CHECK (list IN ('catalog', 'gateway')),
  first_night TEXT NOT NULL,
  last_night TEXT NOT NULL,
  nights INTEGER NOT NULL,
  open INTEGER NOT NULL,
  first_day INTEGER NOT NULL,
  last_day INTEGER NOT NULL
);
CREATE TABLE figures (
  model INTEGER NOT NULL REFERENCES models(model),
  day INTEGER NOT NULL,
  date TEXT GENERATED ALWAYS AS (date(day * 86400, 'unixepoch')) VIRTUAL,
  likes INTEGER NOT NULL,
  downloads INTEGER NOT NULL,
  gen_images INTEGER,
  PRIMARY KEY (model, day)
) WITHOUT ROWID;
`;

export const SQLITE_INDEXES = `
CREATE INDEX models_owner ON models (owner);
CREATE INDEX models_last_seen ON models (last_seen);
CREATE INDEX events_id ON events (id, date);
CREATE INDEX events_date ON events (date, kind);
CREATE INDEX stays_model ON stays (model, list, first_day);
CREATE INDEX stays_list ON stays (list, first_day, last_day);
CREATE INDEX nights_outcome ON nights (outcome, day);
CREATE VIEW daily AS
  SELECT n.date AS date, m.id AS id, 1 AS listed,
    EXISTS (SELECT 1 FROM stays g WHERE g.model = s.model AND g.list = 'gateway' AND n.day BETWEEN g.first_day AND g.last_day) AS served,
    f.likes AS likes, f.downloads AS downloads, f.gen_images AS gen_images
  FROM stays s
  JOIN models m ON m.model = s.model
  JOIN nights n ON n.outcome = 'published' AND n.day BETWEEN s.first_day AND s.last_day
  JOIN figures f ON f.model = s.model AND f.day = (SELECT max(day) FROM figures x WHERE x.model = s.model AND x.day <= n.day)
  WHERE s.list = 'catalog'
  UNION ALL
  SELECT n.date, m.id, 0, 1, NULL, NULL, NULL
  FROM stays s
  JOIN models m ON m.model = s.model
  JOIN nights n ON n.outcome = 'published' AND n.day BETWEEN s.first_day AND s.last_day
  WHERE s.list = 'gateway'
    AND NOT EXISTS (SELECT 1 FROM stays c WHERE c.model = s.model AND c.list = 'catalog' AND n.day BETWEEN c.first_day AND c.last_day);
CREATE VIEW list_size AS
  SELECT date, models, gateway, entered, left, returned, renamed, served, unserved, served_again FROM nights WHERE outcome = 'published';
`;

/** The last value of change points `[day, value, …]`, or `null` when there are none. */
function lastValue(series: readonly number[]): number | null {
  return series.length === 0 ? null : (series[series.length - 1] as number);
}

/** Observed nights within stay bounds `[from, to]`, counted by binary search in ascending `nights`. */
function nightsWithin(nights: readonly number[], from: number, to: number): number {
  const lower = (value: number): number => {
    let lo = 0;
    let hi = nights.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((nights[mid] as number) < value) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  return lower(to + 1) - lower(from);
}

const json = (value: unknown): string => JSON.stringify(value);

/**
 * Insert every figures change point of one track, a row on each day any of the three series changes, in
 * one statement: the rows go in as one JSON array SQLite unpacks itself (json_each), since a call from
 * JavaScript per row was most of the database's time.
 */
function insertFigures(statement: StatementSync, model: number, track: Track): number {
  const { likes, downloads, genImages } = track;
  let a = 0;
  let b = 0;
  let c = 0;
  let like = 0;
  let download = 0;
  let gen: number | null = null;
  const rows: (number | null)[][] = [];
  while (a < likes.length || b < downloads.length || c < genImages.length) {
    const day = Math.min(likes[a] ?? Infinity, downloads[b] ?? Infinity, genImages[c] ?? Infinity);
    if (likes[a] === day) (like = likes[a + 1] as number), (a += 2);
    if (downloads[b] === day) (download = downloads[b + 1] as number), (b += 2);
    if (genImages[c] === day) (gen = genImages[c + 1] as number), (c += 2);
    rows.push([day, like, download, gen]);
  }
  if (rows.length > 0) statement.run(model, JSON.stringify(rows));
  return rows.length;
}

/** Row counts per table. */
export type SqliteCounts = Record<'models' | 'nights' | 'events' | 'stays' | 'figures', number>;

/** Write the database to `path` (a new file). */
export function writeSqlite(path: string, inputs: SqliteInputs): SqliteCounts {
  const db = new DatabaseSync(path);
  const counts: SqliteCounts = { models: 0, nights: 0, events: 0, stays: 0, figures: 0 };
  try {
    db.exec('PRAGMA page_size = 4096; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA foreign_keys = OFF;');
    db.exec(SQLITE_TABLES);
    db.exec('BEGIN');
    const observed = inputs.log.days.map((day) => dayNumber(day.date));
    const newest = observed.at(-1) ?? Number.NaN;
    const keyOf = new Map<string, number>();

    const model = db.prepare(`INSERT INTO models VALUES (${Array.from({ length: 32 }, () => '?').join(', ')})`);
    const stay = db.prepare('INSERT INTO stays VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const figure = db.prepare('INSERT INTO figures (model, day, likes, downloads, gen_images) SELECT ?1, value ->> 0, value ->> 1, value ->> 2, value ->> 3 FROM json_each(?2) ORDER BY key');
    inputs.ids.forEach((id, index) => {
      const track = inputs.tracks.get(id) as Track;
      const key = index + 1;
      keyOf.set(id, key);
      const slash = id.indexOf('/');
      const known = inputs.records.get(id);
      const record = known?.record;
      let nightsListed = 0;
      let nightsServed = 0;
      for (const [bounds, list] of [[track.presence, 'catalog'], [track.gateway, 'gateway']] as const) {
        for (const [from, to] of intervalPairs(bounds)) {
          const nights = nightsWithin(observed, from, to);
          if (list === 'catalog') nightsListed += nights;
          else nightsServed += nights;
          stay.run(key, list, dateOfDay(from), dateOfDay(to), nights, to === newest ? 1 : 0, from, to);
          counts.stays++;
        }
      }
      const p = track.presence;
      const g = track.gateway;
      model.run(
        key,
        id,
        record?.owner ?? (slash > 0 ? id.slice(0, slash) : id),
        record?.name ?? (slash > 0 ? id.slice(slash + 1) : id),
        track.upstreamId,
        p.length > 0 ? dateOfDay(p[0] as number) : null,
        p.length > 0 ? dateOfDay(p[p.length - 1] as number) : null,
        p.at(-1) === newest ? 1 : 0,
        nightsListed,
        p.length / 2,
        g.length > 0 ? dateOfDay(g[0] as number) : null,
        g.length > 0 ? dateOfDay(g[g.length - 1] as number) : null,
        g.at(-1) === newest ? 1 : 0,
        nightsServed,
        g.length / 2,
        lastValue(track.likes),
        lastValue(track.downloads),
        lastValue(track.genImages),
        known?.date ?? null,
        record?.chineseName ?? null,
        record?.ownerFullName ?? null,
        record?.inferenceType ?? null,
        record?.aigcType ?? null,
        record?.visionFoundation ?? null,
        record?.license ?? null,
        record === undefined ? null : json(record.tasks),
        record === undefined ? null : json(record.tags),
        record === undefined ? null : json(record.baseModels),
        record?.parameters ?? null,
        record?.createdAt ?? null,
        record === undefined ? null : record.openaiApi ? 1 : 0,
        record?.openaiApiSince ?? null,
      );
      counts.models++;
      counts.figures += insertFigures(figure, key, track);
    });

    // Every calendar night from the first date known to the last: a snapshot, a recorded failure, or neither.
    const byDate = new Map(inputs.log.days.map((day) => [day.date, day]));
    const recorded = new Map(inputs.nights.map((night) => [night.date, night]));
    const dates = [...byDate.keys(), ...recorded.keys()].sort();
    const night = db.prepare('INSERT INTO nights VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)');
    if (dates.length > 0) {
      const last = dayNumber(dates.at(-1) as string);
      for (let n = dayNumber(dates[0] as string); n <= last; n++) {
        const date = dateOfDay(n);
        const day = byDate.get(date);
        const failed = recorded.get(date);
        if (day !== undefined) {
          night.run(n, date, 'published', null, day.previous, day.models, day.entered, day.left, day.returned, day.renamed, day.gateway, day.served, day.unserved, day.servedAgain);
        } else {
          night.run(n, date, failed?.outcome ?? 'unrecorded', failed?.reason ?? null, null, null, null, null, null, null, null, null, null, null);
        }
        counts.nights++;
      }
    }

    const event = db.prepare('INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?)');
    for (const e of inputs.log.events) {
      event.run(e.date, e.kind, e.id, keyOf.get(e.id) ?? null, e.likes, e.downloads, e.from ?? null);
      counts.events++;
    }
    db.exec('COMMIT');
    db.exec(SQLITE_INDEXES);
    db.exec('ANALYZE');
  } finally {
    db.close();
  }
  return counts;
}
