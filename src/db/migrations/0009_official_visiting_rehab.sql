-- The official kaigo data (介護サービス情報公表, service 140 訪問リハビリテーション) says these providers
-- visit patients at home for rehabilitation: record it as their capability, so the visiting-rehab role
-- finds them (before, only organisations that declared it themselves were candidates).
UPDATE "organizations"
SET "procedures" = array_append("procedures", 'rehabilitation')
WHERE "kaigo_services" @> '[{"code":"140"}]'::jsonb
  AND NOT ('rehabilitation' = ANY ("procedures"));
