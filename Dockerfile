# syntax=docker/dockerfile:1

# Image of the `procon` binary, used by docker-compose.yml for the `migrate`, `worker`
# and `api` services (and for one-off commands: `docker compose run --rm api staff add …`).
#
#   docker build -t procon/procon:local .
#   docker run --rm procon/procon:local help
#
# The binary is fully static (CGO_ENABLED=0): its PostgreSQL driver (pgx) and the SQLite
# driver of the embedded Temporal server used by `procon dev` (modernc.org/sqlite) are pure
# Go. `procon dev` itself is not meant to run in this image: it also needs the PostgreSQL
# server binaries, which the image does not carry; docker-compose.yml is the container
# equivalent of `procon dev`.

############################
# Build stage
############################
FROM golang:1.26 AS build

WORKDIR /src
ENV CGO_ENABLED=0 \
    GOFLAGS=-trimpath

# Dependencies first, so that a source change does not download them again.
COPY go.mod go.sum ./
RUN --mount=type=cache,target=/go/pkg/mod \
    go mod download

COPY . .
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    go build -ldflags="-s -w" -o /out/procon ./cmd/procon

############################
# Runtime stage: distroless static (CA certificates, tzdata, /etc/passwd; no shell),
# running as the unprivileged `nonroot` user (uid 65532).
############################
FROM gcr.io/distroless/static-debian12:nonroot

COPY --from=build /out/procon /usr/local/bin/procon

USER nonroot:nonroot
WORKDIR /home/nonroot

# PROCON_API_ADDR of the `api` service in docker-compose.yml.
EXPOSE 8080

ENTRYPOINT ["procon"]
CMD ["help"]
