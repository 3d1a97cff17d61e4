// The catalog's search data: shards the catalog page fetches lazily (lib/search-index.ts).
import type { APIRoute, GetStaticPaths } from 'astro';
import { siteData } from '../../data.ts';
import { buildSearchShards } from '../../lib/search/search-index.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { rows, lastDay } = await siteData();
  return buildSearchShards(rows, { newest: lastDay }).map((shard) => ({ params: { file: shard.name }, props: { content: shard.content } }));
};

export const GET: APIRoute = ({ props }) => new Response(String(props['content']), { headers: { 'Content-Type': 'application/json' } });
