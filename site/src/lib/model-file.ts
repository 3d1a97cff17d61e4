// The site's readers of a model's API file. They are declared beside the file's encoder, in
// publish/model-file.ts (browser-safe: the one owner of the file's shape); the site's own code imports
// them from there, and this name stays only for the tests that import it from here (test/site-html.test.ts).
export { chartSource, parseSeriesAttribute, snippetModel, type ChartSource } from '../../../publish/model-file.ts';
