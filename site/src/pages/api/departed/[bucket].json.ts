// The archive of models that left before the tombstone window, one file per bucket (lib/departed.ts):
// 404.html draws their tombstones from it, and docs/api.md documents it.
import type { APIRoute, GetStaticPaths } from 'astro';
import { jsonWithItemLines } from '../../../../../store/json-lines.ts';
import { siteData } from '../../../data.ts';
import { DEPARTED_FORMAT, departedBuckets } from '../../../lib/model/departed.ts';

export const getStaticPaths: GetStaticPaths = async () => {
  const { departed } = await siteData();
  const buckets = departedBuckets(departed);
  return buckets.map((models, bucket) => ({
    params: { bucket: String(bucket) },
    props: {
      content: jsonWithItemLines(
        { format: DEPARTED_FORMAT, bucket, buckets: buckets.length, models },
        { lineArrays: ['models'], itemKeys: ['id', 'page', 'left', 'stays', 'likes', 'downloads'] },
      ),
    },
  }));
};

export const GET: APIRoute = ({ props }) => new Response(String(props['content']), { headers: { 'Content-Type': 'application/json' } });
