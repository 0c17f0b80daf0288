# The livemodel image: the same CLI for every role (run, serve, sweep, worker).
#   docker build -t livemodel .
#   docker run --rm -v "$PWD/reports:/app/reports" livemodel run scenarios/quickstart.yaml
FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# `prepare` (the TypeScript build) needs the sources, so install without scripts first
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY bin ./bin
COPY scenarios ./scenarios
COPY data ./data
COPY scenario.schema.json sweep.schema.json ./
RUN npm run build && rm -rf src && npm prune --omit=dev --no-audit --no-fund
# the compiled CLI (bin/livemodel.js runs dist/ when there are no sources)
ENTRYPOINT ["node", "bin/livemodel.js"]
CMD ["--help"]
