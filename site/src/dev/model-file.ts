// Model files under `astro dev` only (astro.config.ts adds this route for `dev` alone): `npm run build`
// writes them itself (publish/build-worker.ts), but a model page's chart and snippet are drawn from this
// file, so the dev server must serve it too.
import type { APIRoute, GetStaticPaths } from 'astro';
import { eventsByModel, modelDocument } from '../../../publish/api.ts';
import { serialiseModelDocument } from '../../../publish/model-file.ts';
import { modelPageRoute } from '../../../publish/pages.ts';
import { siteData } from '../data.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { inputs, lastDay } = await siteData();
  const events = eventsByModel(inputs.log);
  return [...inputs.records.values()].flatMap((current) => {
    const route = modelPageRoute(current.id, inputs.paths);
    const track = inputs.tracks.get(current.id);
    if (route.owner === '~' || track === undefined) return [];
    const doc = modelDocument(current.id, track, events.get(current.id) ?? [], { current, lastDay }, inputs.paths);
    return [{ params: { owner: route.owner, name: route.name }, props: { content: serialiseModelDocument(doc) } }];
  });
};

export const GET: APIRoute = ({ props }) => new Response(String(props['content']), { headers: { 'Content-Type': 'application/json' } });
