/** Resource search for professionals and citizens, and offline place lookup (CONTRACT §3 Directory). */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { DirectoryIndex } from '../../domain/directory/search-index.js';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { access } from '../../platform/guard.js';
import { placeNotFoundError } from './place-not-found.js';
import { builtAnswerSerializer } from '../../platform/route-replies.js';
import type { SearchService } from './search.service.js';
import {
  GeocodeQuery,
  GeocodeResponse,
  KindCountsResponse,
  PublicSearchQuery,
  PublicSearchResponse,
  SearchQuery,
  SearchResponse,
} from './search.schema.js';

export function searchRoutes(app: FastifyInstance, search: SearchService) {
  const api = app.withTypeProvider<ZodTypeProvider>();
  // The index sync (one query: has the directory changed?) runs beside the session lookup.
  const startEarly = () => search.currentIndex();
  const indexOf = (request: FastifyRequest) => (request.early as Promise<DirectoryIndex> | null) ?? undefined;

  api.get(
    '/api/v1/resources/search',
    {
      config: { access: access.anyRole, startEarly },
      schema: {
        tags: ['directory'],
        summary: '在宅医療・介護資源の検索（近い順、受入状況の鮮度つき）',
        querystring: SearchQuery,
        response: { 200: SearchResponse },
      },
      serializerCompiler: builtAnswerSerializer,
    },
    async (request) => search.search(request.query, indexOf(request)),
  );

  api.get(
    '/api/v1/resources/kinds',
    {
      config: { access: access.anyRole, startEarly },
      schema: {
        tags: ['directory'],
        summary: '種別ごとの組織数（検索の kind で見つかる数。登録のない種別を知るため）',
        response: { 200: KindCountsResponse },
      },
    },
    async (request) => ({ items: await search.kindCounts(indexOf(request)) }),
  );

  api.get(
    '/api/v1/public/resources/search',
    {
      config: { access: access.public, startEarly },
      schema: {
        tags: ['public'],
        summary: '市民向けの資源検索（公開情報のみ。必要なもの need は複数可で、すべてを満たす事業所）',
        querystring: PublicSearchQuery,
        response: { 200: PublicSearchResponse },
      },
    },
    async (request) => search.publicSearch(request.query, indexOf(request)),
  );

  api.get(
    '/api/v1/public/geocode',
    {
      // A place not found (or outside the city) is 404 location_not_found / location_outside_city.
      config: { access: access.public, errorStatuses: [404] },
      schema: {
        tags: ['public'],
        summary: '住所・郵便番号・区名から位置を求める（オフライン）',
        querystring: GeocodeQuery,
        response: { 200: GeocodeResponse },
      },
    },
    async (request) => {
      // A place located outside Okayama City is 404 `location_outside_city` here, as one only named so is.
      const place = await search.locate(request.query.q, { outsideCityStatus: 404 });
      if (!place) throw placeNotFoundError(request.query.q, 404);
      return place;
    },
  );
}
