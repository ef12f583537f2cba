# The partner backend as a standalone server, for any stack (see "Standalone server and Docker" in docs/backend.md):
#   docker build -t leap-backend node_modules/leap-elements     (after npm install leap-elements; or `.` in a clone)
#   docker run -p 8787:8787 -e LEAP_API_KEY=… -e LEAP_SESSION_SECRET=… -e LEAP_ALLOWED_ORIGINS=https://shop.example.com leap-backend
# It needs LEAP_API_KEY (NODE_ENV is production here); LEAP_MOCK=1 answers from the embedded mock Leap instead.

# The package as `npm pack` makes it. In a clone of the repository (sources and lock file present) it is built first;
# the installed package (node_modules/leap-elements) is already built, and is packed as it is.
FROM node:20-bookworm-slim AS build
WORKDIR /src
COPY package*.json ./
RUN if [ -f package-lock.json ]; then npm ci --no-audit --no-fund --ignore-scripts; fi
COPY . .
RUN if [ -d src ]; then npm run build; fi \
  && npm pack --ignore-scripts --pack-destination /tmp && mv /tmp/leap-elements-*.tgz /tmp/leap-elements.tgz

# Run it: the installed package only (the browser-side Lit family comes along; the server code needs nothing else),
# plus the redis client for LEAP_REDIS_URL.
FROM node:20-bookworm-slim
ENV NODE_ENV=production PORT=8787
WORKDIR /app
COPY --from=build /tmp/leap-elements.tgz /tmp/leap-elements.tgz
RUN npm install --omit=dev --no-audit --no-fund --ignore-scripts /tmp/leap-elements.tgz redis@5 \
  && rm /tmp/leap-elements.tgz && npm cache clean --force
USER node
EXPOSE 8787
HEALTHCHECK --interval=30s --timeout=3s CMD ["node", "-e", "fetch(`http://127.0.0.1:${process.env.PORT}${process.env.LEAP_BASE_PATH ?? '/api/leap'}/openapi.json`).then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "node_modules/leap-elements/dist/node/cli.js", "serve"]
