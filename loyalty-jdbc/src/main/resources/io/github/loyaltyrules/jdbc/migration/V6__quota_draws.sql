-- loyalty-jdbc schema, version 6: what each request drew on each quota counter, and what each
-- give-back key gave back, so that a retried request or return finds its earlier draw instead of
-- drawing (or giving back) again. Rows older than the quotas' retention are pruned.
CREATE TABLE loyalty_quota_draw (
    request     VARCHAR(400) NOT NULL,
    counter     VARCHAR(400) NOT NULL,
    drawn       BIGINT       NOT NULL,
    given_back  BIGINT,
    created     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (request, counter)
);
CREATE INDEX loyalty_quota_draw_created ON loyalty_quota_draw (created);
