-- Room on each page for updated row versions: claiming a delivery changes no indexed column,
-- so with free space on the page PostgreSQL updates it in place (HOT) without touching the
-- indexes. Not expressible in schema.prisma, which leaves it alone.
ALTER TABLE "Delivery" SET (fillfactor = 70);
