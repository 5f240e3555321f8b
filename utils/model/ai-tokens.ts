/**
 * robots.txt product tokens of AI / dataset crawlers that Heed honours, as data with a
 * source per token (SIGNALS.md §1.6; community list: github.com/ai-robots-txt/ai.robots.txt).
 * A Disallow for any of these is read as an AI-training opt-out for that path.
 */
export interface AiToken {
  token: string;
  operator: string;
  /** What a Disallow for this token controls, per its operator. */
  controls: string;
  /** Purposes whose collection this token's rules bind. */
  purposes: readonly ('ai-training' | 'genai-training' | 'research-tdm')[];
  source: string;
}

const ALL = ['ai-training', 'genai-training', 'research-tdm'] as const;
const TRAINING = ['ai-training', 'genai-training'] as const;

export const AI_TOKENS: readonly AiToken[] = [
  { token: 'GPTBot', operator: 'OpenAI', controls: 'crawling for training generative models', purposes: TRAINING, source: 'https://developers.openai.com/docs/bots' },
  { token: 'CCBot', operator: 'Common Crawl', controls: 'the open web archive many training sets are built from', purposes: ALL, source: 'https://commoncrawl.org/ccbot' },
  { token: 'Google-Extended', operator: 'Google', controls: 'use of content for Gemini / Vertex AI training and grounding', purposes: TRAINING, source: 'https://developers.google.com/crawling/docs/crawlers-fetchers/google-common-crawlers' },
  // Listed in SIGNALS.md §1.6 with what a Disallow controls per their operators. Decision (DESIGN.md
  // §2 rule 3, the reading that cannot keep a refusal): GoogleOther fetches for Google's research
  // and development (machine learning among it), so it binds every purpose; a Vertex AI agent's
  // crawl feeds an AI product, and Amazon says Amazonbot's data "may be used to train Amazon AI
  // models": both bind training. Search and user-fetch tokens (OAI-SearchBot, PerplexityBot,
  // Claude-SearchBot, ChatGPT-User) are not: their operators say they do not train.
  { token: 'GoogleOther', operator: 'Google', controls: 'generic fetches for internal research and development', purposes: ALL, source: 'https://developers.google.com/crawling/docs/crawlers-fetchers/google-common-crawlers' },
  { token: 'Google-CloudVertexBot', operator: 'Google', controls: 'crawls for Vertex AI agents', purposes: TRAINING, source: 'https://developers.google.com/crawling/docs/crawlers-fetchers/google-common-crawlers' },
  { token: 'Amazonbot', operator: 'Amazon', controls: 'Alexa answers and service improvement; may be used to train Amazon AI models', purposes: TRAINING, source: 'https://developer.amazon.com/amazonbot' },
  { token: 'Applebot-Extended', operator: 'Apple', controls: 'training Apple foundation models', purposes: TRAINING, source: 'https://support.apple.com/en-us/119829' },
  { token: 'ClaudeBot', operator: 'Anthropic', controls: 'collection for model training', purposes: TRAINING, source: 'https://support.claude.com/en/articles/8896518' },
  { token: 'anthropic-ai', operator: 'Anthropic', controls: 'legacy training token, still widely blocked', purposes: TRAINING, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  // SIGNALS.md §1.6 lists it beside anthropic-ai (legacy, undocumented, still widely blocked: 8 of
  // the saved real-world robots.txt files name it). Decision (DESIGN.md §2 rule 3): an owner who
  // disallows Anthropic's crawler under this name refuses Anthropic's AI uses, so it binds training.
  { token: 'Claude-Web', operator: 'Anthropic', controls: 'legacy token of an undocumented Anthropic agent, still widely blocked', purposes: TRAINING, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  { token: 'Bytespider', operator: 'ByteDance', controls: 'reported LLM-training crawler', purposes: TRAINING, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  { token: 'Meta-ExternalAgent', operator: 'Meta', controls: 'AI training and product improvement', purposes: TRAINING, source: 'https://developers.facebook.com/docs/sharing/webmasters/web-crawlers' },
  { token: 'FacebookBot', operator: 'Meta', controls: 'older token described as a language-model training crawler', purposes: TRAINING, source: 'https://developers.facebook.com/docs/sharing/webmasters/web-crawlers' },
  { token: 'cohere-ai', operator: 'Cohere', controls: 'AI retrieval', purposes: TRAINING, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  { token: 'cohere-training-data-crawler', operator: 'Cohere', controls: 'training-data download', purposes: TRAINING, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  { token: 'Diffbot', operator: 'Diffbot', controls: 'knowledge-graph and dataset crawling', purposes: ALL, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  { token: 'omgili', operator: 'Webz.io', controls: 'data sold as datasets', purposes: ALL, source: 'https://webz.io/blog/web-data/what-is-the-omgili-bot-and-why-is-it-crawling-your-website/' },
  { token: 'Omgilibot', operator: 'Webz.io', controls: 'data sold as datasets', purposes: ALL, source: 'https://webz.io/blog/web-data/what-is-the-omgili-bot-and-why-is-it-crawling-your-website/' },
  { token: 'Timpibot', operator: 'Timpi', controls: 'scraping for LLM training', purposes: TRAINING, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  { token: 'img2dataset', operator: 'rom1504 img2dataset', controls: 'image dataset downloading', purposes: ALL, source: 'https://github.com/rom1504/img2dataset' },
  { token: 'ImagesiftBot', operator: 'ImageSift (Hive)', controls: 'image crawling for reverse-image search', purposes: ALL, source: 'https://imagesift.com/about' },
  { token: 'DeepSeekBot', operator: 'DeepSeek', controls: 'training language models and improving AI products', purposes: TRAINING, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  { token: 'Cotoyogi', operator: 'ROIS (Japan)', controls: 'collecting data for AI training in Japanese', purposes: TRAINING, source: 'https://ds.rois.ac.jp/en_center8/en_crawler/' },
  { token: 'Factset_spyderbot', operator: 'FactSet', controls: 'AI model training', purposes: TRAINING, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  // Dataset builders: their data goes to others' training and research, so they bind every purpose.
  { token: 'LAIONDownloader', operator: 'LAION', controls: 'downloading datasets (LAION image-text sets) for machine-learning research', purposes: ALL, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  { token: 'ICC-Crawler', operator: 'NICT (Japan)', controls: 'collecting data for AI technologies, also provided to third parties', purposes: ALL, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  { token: 'FriendlyCrawler', operator: 'unknown', controls: 'building datasets for machine-learning experiments', purposes: ALL, source: 'https://github.com/ai-robots-txt/ai.robots.txt' },
  { token: 'AI2Bot', operator: 'Allen Institute for AI', controls: 'training open language models', purposes: TRAINING, source: 'https://allenai.org/crawler' },
  { token: 'Ai2Bot-Dolma', operator: 'Allen Institute for AI', controls: 'training open language models', purposes: TRAINING, source: 'https://allenai.org/crawler' },
];

/** Heed's own product token; always honoured, for every purpose. */
export const HEED_TOKEN = 'heed';
