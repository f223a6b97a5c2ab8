import { readFile } from "node:fs/promises";
import { REPO_ROOT } from "../stack/paths.js";

/** The balancer's config the harness renders its upstreams into. */
export const NGINX_CONF = `${REPO_ROOT}docker/nginx.conf`;

/**
 * `docker/nginx.conf` with its upstream servers replaced by `targets` (host:port) and its listen
 * port by `port`: the file stays the one source of the balancer's settings (round-robin,
 * keep-alive, which failures are retried on the next target).
 */
export async function renderNginxConfig(
  targets: readonly string[],
  port: number,
  listenHost = "127.0.0.1",
): Promise<string> {
  const template = await readFile(NGINX_CONF, "utf8");
  const servers = /^(\s*)server \S+ (max_fails=[^;]*);\n/gm;
  const first = servers.exec(template);
  if (first === null) throw new Error(`${NGINX_CONF}: no upstream server line to render`);
  const [indent, options] = [first[1] ?? "    ", first[2] ?? ""];
  const rendered = targets.map((t) => `${indent}server ${t} ${options};\n`).join("");
  let placed = false;
  const body = template.replace(servers, () => {
    if (placed) return "";
    placed = true;
    return rendered;
  });
  return body.replace(/listen \d+;/, `listen ${listenHost}:${port};`);
}
