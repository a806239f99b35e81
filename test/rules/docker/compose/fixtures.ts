/** Compose fixtures shared by the Compose rule tests: a service and a project that pass every rule. */

/** A sha256 digest for pinned images. */
export const DIGEST = `sha256:${'a'.repeat(64)}`;

/** An image from the default allowed registries (AWS ECR), pinned by digest. */
export const IMAGE = `123456789012.dkr.ecr.us-east-1.amazonaws.com/clinic/api@${DIGEST}`;

/** Settings of a hardened service, one per line, for `service(name, ...HARDENED)`. */
export const HARDENED: readonly string[] = [
  `image: ${IMAGE}`,
  'user: "10001:10001"',
  'read_only: true',
  'tmpfs: ["/tmp:size=64m"]',
  'cap_drop: [ALL]',
  'security_opt: ["no-new-privileges:true"]',
  'deploy:',
  '  resources:',
  '    limits: { memory: 512m, cpus: "1.0", pids: 200 }',
  'healthcheck:',
  '  test: ["CMD", "/app/health"]',
];

/** A PHI API and database that pass every Compose rule. */
export const COMPLIANT_PROJECT = `services:
  api:
    ${HARDENED.join('\n    ')}
    labels:
      hipaa-constructs.io/phi: "true"
    ports: ["127.0.0.1:8443:8443"]
    networks: [front, back]
    secrets: [db_password]
    environment:
      DB_HOST: db
      DB_PASSWORD_FILE: /run/secrets/db_password
  db:
    ${HARDENED.join('\n    ')}
    labels: ["hipaa-constructs.io/phi=true"]
    networks:
      back: {}
    volumes: ["db-data:/var/lib/postgresql/data"]
    secrets: [db_password]
    logging:
      driver: awslogs
networks:
  front: {}
  back:
    internal: true
volumes:
  db-data: {}
secrets:
  db_password:
    file: ./secrets/db_password.txt
`;
