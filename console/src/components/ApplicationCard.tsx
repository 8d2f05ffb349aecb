import { useEffect, useState } from 'react';
import { Box, Card, CardContent, Chip, Divider, Link as MuiLink, Stack, Typography } from '@mui/material';
import { get, type Application } from '../api';

/** The seed's card states and their colours (Running green, Installing/Updating blue, Degraded amber, …). */
export const STATES: { status: string; symbol: string; color: string }[] = [
  { status: 'Running', symbol: '●', color: '#1e7d32' },
  { status: 'Installing', symbol: '◐', color: '#1f5fbf' },
  { status: 'Updating', symbol: '◑', color: '#1f5fbf' },
  { status: 'Degraded', symbol: '◒', color: '#a35a00' },
  { status: 'Failed', symbol: '◓', color: '#c62828' },
  { status: 'Paused', symbol: '○', color: '#5f6368' },
  { status: 'Pending approval', symbol: '◔', color: '#6a1b9a' },
];

export function stateOf(status: string) {
  const normalized = status.replace(/\s+/g, '').toLowerCase();
  return (
    STATES.find((s) => s.status.replace(/\s+/g, '').toLowerCase() === normalized) ?? {
      status,
      symbol: '●',
      color: '#5f6368',
    }
  );
}

export function StatusBadge({ app }: { app: Application }) {
  const state = stateOf(app.status);
  const pods =
    state.status === 'Degraded' && app.desiredPods ? ` (${app.readyPods ?? 0}/${app.desiredPods})` : '';
  return (
    <Typography component="span" sx={{ color: state.color, fontWeight: 600 }} data-testid="status">
      <span aria-hidden>{state.symbol} </span>
      {state.status}
      {pods}
    </Typography>
  );
}

interface LastCommit {
  committer?: string;
  author?: string;
  time?: string;
}

/**
 * An Application in its Environment, as the seed draws it: name and Blueprint@version; status and endpoint;
 * placement and health; the key dependency; the last change and who made it.
 */
export function ApplicationCard({ app, environment, regions }: { app: Application; environment: string; regions?: string[] }) {
  const [last, setLast] = useState<LastCommit | undefined>(undefined);
  useEffect(() => {
    const abort = new AbortController();
    get<{ lastCommit?: LastCommit }>(
      `/api/v1/provisioning/environments/${encodeURIComponent(environment)}/applications/${encodeURIComponent(app.name)}?historySize=1`,
      abort.signal,
    )
      .then((d) => setLast(d.lastCommit))
      .catch(() => undefined);
    return () => abort.abort();
  }, [environment, app.name, app.version]);

  const headingId = `app-${app.name}`;
  const health =
    app.desiredPods != null ? `${app.readyPods ?? 0} / ${app.desiredPods} pods` : undefined;
  return (
    <Card
      variant="outlined"
      component="article"
      aria-labelledby={headingId}
      data-testid="application-card"
      data-application={app.name}
      data-status={app.status}
      sx={{ height: '100%', borderLeft: `4px solid ${stateOf(app.status).color}` }}
    >
      <CardContent>
        <Typography variant="h6" component="h3" id={headingId} noWrap>
          {app.name}
        </Typography>
        <Typography variant="body2" color="text.secondary" noWrap>
          {app.blueprint} @ {app.version}
        </Typography>
        <Divider sx={{ my: 1 }} />
        <Stack direction="row" spacing={1} sx={{ justifyContent: 'space-between', alignItems: 'center', flexWrap: 'wrap' }}>
          <StatusBadge app={app} />
          {app.hostname && (
            <MuiLink href={`https://${app.hostname}`} target="_blank" rel="noreferrer" variant="body2" noWrap>
              {app.hostname} ↗
            </MuiLink>
          )}
        </Stack>
        {app.status === 'Failed' && app.statusReason && (
          <Typography variant="body2" color="error" sx={{ mt: 0.5 }}>
            {app.statusReason}
          </Typography>
        )}
        <Stack direction="row" spacing={1} sx={{ mt: 1, justifyContent: 'space-between', flexWrap: 'wrap' }}>
          <Typography variant="body2" color="text.secondary">
            <span aria-hidden>📍 </span>
            {regions && regions.length > 0 ? regions.join(', ') : 'default region'}
          </Typography>
          {health && (
            <Typography variant="body2" color="text.secondary" data-testid="health">
              {health}
            </Typography>
          )}
        </Stack>
        {(app.dependsOn ?? []).length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            <span aria-hidden>🔗 </span>needs {app.dependsOn!.join(', ')}
          </Typography>
        )}
        {app.backingService && (app.usedBy ?? []).length > 0 && (
          <Typography variant="body2" color="text.secondary" sx={{ mt: 0.5 }}>
            Used by: {app.usedBy!.join(', ')}
          </Typography>
        )}
        <Box sx={{ mt: 1 }}>
          <Typography variant="caption" color="text.secondary" data-testid="last-deploy">
            {last?.time
              ? `Last deploy: ${relative(last.time)} by ${last.committer ?? last.author ?? 'someone'}`
              : app.installedAt
                ? `Installed ${relative(app.installedAt)}`
                : ''}
          </Typography>
        </Box>
        {app.category && (
          <Chip size="small" variant="outlined" label={app.category} sx={{ mt: 1 }} />
        )}
      </CardContent>
    </Card>
  );
}

function relative(iso: string): string {
  const seconds = Math.max(0, (Date.now() - new Date(iso).getTime()) / 1000);
  if (seconds < 60) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}
