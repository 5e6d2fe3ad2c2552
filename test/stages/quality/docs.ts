import type { Doc } from '../../../pipeline/doc.js';

/** A plain news-style article: passes every FineWeb quality rule with its defaults. */
export const ARTICLE = [
  'The city council voted on Tuesday to expand the bicycle lane network across the northern districts.',
  'Officials said the plan would add twelve kilometres of protected lanes by the end of next year.',
  'Residents who attended the meeting raised concerns about parking and deliveries for small shops.',
  'The transport director answered that loading zones would be kept on every affected street.',
  'A local cycling group welcomed the decision and called it a first step towards safer commuting.',
  'Funding for the project comes from a regional grant that was approved earlier this spring.',
  'Construction is expected to begin in March, starting with the busy corridor near the central station.',
  'The council will publish a detailed map of the new routes on its website in the coming weeks.',
].join('\n');

export const doc = (text: string, meta: Doc['meta'] = {}): Doc => ({ id: 'd', text, url: 'https://news.example.org/a', meta });

/** The article's sentences, for docs that rearrange them. */
export const SENTENCES = ARTICLE.split('\n');
