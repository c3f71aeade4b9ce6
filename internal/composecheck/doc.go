// Package composecheck checks the container stack of the repository root (Dockerfile,
// docker-compose.yml) without Docker: its test loads docker-compose.yml with compose-go,
// the library Docker Compose itself uses, and asserts the wiring between the services
// (procon's environment variables against config.Vars, addresses against the services
// and their ports, start order, the Temporal namespace and search attributes).
package composecheck
