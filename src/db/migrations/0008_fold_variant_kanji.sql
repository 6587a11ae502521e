-- Search text folds variant kanji (異体字) to the form people type (platform/text.ts variantKanji):
-- the rows written before that get the same folding here.
UPDATE "organizations" SET "search_text" = translate("search_text", '髙﨑嵜𠮷邊邉濵濱澤櫻廣國眞冨嶋嶌德惠曾齋齊', '高崎崎吉辺辺浜浜沢桜広国真富島島徳恵曽斎斉')
  WHERE "search_text" <> translate("search_text", '髙﨑嵜𠮷邊邉濵濱澤櫻廣國眞冨嶋嶌德惠曾齋齊', '高崎崎吉辺辺浜浜沢桜広国真富島島徳恵曽斎斉');
