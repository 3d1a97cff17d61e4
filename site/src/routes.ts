// The dynamic routes' paths, shared by the English and Chinese page files so the two never differ.
import { modelPageRoute, pageIds } from '../../publish/pages.ts';
import { siteData } from './data.ts';
import { dayViews, monthsOf } from './lib/views/changes-view.ts';

/**
 * Every id on either list, every one that left within the tombstone window (older ones are drawn by
 * 404.html from api/departed/), and every old id of a rename. Odd names get a stand-in path the build
 * moves into place (publish/pages.ts).
 */
export async function modelRoutes() {
  const { inputs } = await siteData();
  return pageIds(inputs).map((id) => {
    const route = modelPageRoute(id, inputs.paths);
    return { params: { owner: route.owner, name: route.name }, props: { id } };
  });
}

/** Every month with an observed night. */
export async function monthRoutes() {
  const { inputs } = await siteData();
  return monthsOf(dayViews(inputs.log, () => 'unknown')).map((month) => ({ params: { month } }));
}
