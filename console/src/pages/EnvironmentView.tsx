import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Chip,
  FormControl,
  Grid,
  InputLabel,
  MenuItem,
  Select,
  Skeleton,
  Stack,
  Typography,
} from '@mui/material';
import {
  ProblemError,
  get,
  type Application,
  type ApplicationList,
  type Environment,
  type Me,
  type Page,
  type StatusChange,
} from '../api';
import { Link, navigate } from '../router';
import { ApplicationCard, STATES, stateOf } from '../components/ApplicationCard';

type Live = 'connecting' | 'live' | 'reconnecting';

/**
 * An Environment and its Applications, grouped by status, kept current by the Environment's event stream
 * (provisioning's SSE through the gateway; EventSource reconnects with Last-Event-ID by itself).
 */
export function EnvironmentView({ me, environment }: { me: Me | null | undefined; environment?: string }) {
  const [environments, setEnvironments] = useState<Environment[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  useEffect(() => {
    if (!me) return;
    const abort = new AbortController();
    const organization = me.organization ? `&organization=${encodeURIComponent(me.organization)}` : '';
    get<Page<Environment>>(`/api/v1/provisioning/environments?size=100${organization}`, abort.signal)
      .then((page) => setEnvironments(page.items))
      .catch((e: Error) => !abort.signal.aborted && setError(e.message));
    return () => abort.abort();
  }, [me]);

  // /console opens the production Environment (or the first one).
  useEffect(() => {
    if (!environment && environments && environments.length > 0) {
      const prod = environments.find((e) => e.type === 'prod') ?? environments[0];
      navigate(`/console/environments/${encodeURIComponent(prod.name)}`, true);
    }
  }, [environment, environments]);

  useEffect(() => {
    document.title = `${environment ?? 'Environments'} · Catalyst`;
  }, [environment]);

  if (me === undefined) return <Skeleton variant="rounded" height={200} role="status" aria-label="Loading" />;
  if (me === null) {
    return (
      <Alert severity="info" action={<Button href="/console">Sign in</Button>}>
        Sign in to see your Organization's Environments.
      </Alert>
    );
  }
  if (error) return <Alert severity="error">Your Environments could not be loaded: {error}</Alert>;
  if (!environments) return <Skeleton variant="rounded" height={200} role="status" aria-label="Loading Environments" />;
  if (environments.length === 0) {
    return (
      <Alert severity="info">
        {me.organization ?? 'Your Organization'} has no Environment yet. An org-admin creates one (e.g.{' '}
        {me.organization}-prod); then install from the <Link href="/">marketplace</Link>.
      </Alert>
    );
  }
  const current = environments.find((e) => e.name === environment);
  return (
    <>
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, mb: 3 }}>
        <Typography variant="h4" component="h1" sx={{ flexGrow: 1, overflowWrap: 'anywhere' }}>
          Environment: {environment}
        </Typography>
        <FormControl size="small" sx={{ minWidth: 200 }}>
          <InputLabel id="environment-switcher-label">Environment</InputLabel>
          <Select
            labelId="environment-switcher-label"
            id="environment-switcher"
            label="Environment"
            value={current ? current.name : ''}
            onChange={(e) => navigate(`/console/environments/${encodeURIComponent(e.target.value)}`)}
          >
            {environments.map((e) => (
              <MenuItem key={e.name} value={e.name}>
                {e.name}
              </MenuItem>
            ))}
          </Select>
        </FormControl>
        <Button variant="contained" href="/">
          + Install
        </Button>
      </Stack>
      {environment && !current && <Alert severity="warning">There is no Environment named {environment} in your Organization.</Alert>}
      {current && <Applications environment={current} />}
    </>
  );
}

function Applications({ environment }: { environment: Environment }) {
  const [apps, setApps] = useState<Application[] | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [live, setLive] = useState<Live>('connecting');
  const reloading = useRef<Promise<void> | undefined>(undefined);
  const base = `/api/v1/provisioning/environments/${encodeURIComponent(environment.name)}/applications`;

  const reload = useCallback(() => {
    reloading.current ??= get<ApplicationList>(`${base}?size=100`)
      .then((list) => {
        setApps(list.items);
        setError(undefined);
      })
      .catch((e: Error) => setError(e instanceof ProblemError ? e.message : e.message))
      .finally(() => {
        reloading.current = undefined;
      });
    return reloading.current;
  }, [base]);

  useEffect(() => {
    setApps(undefined);
    void reload();
  }, [reload]);

  useEffect(() => {
    const events = new EventSource(`${base}/events`);
    events.onopen = () => {
      setLive('live');
      // Anything that changed while the stream was away (or before it opened) is in the list.
      void reload();
    };
    events.onerror = () => setLive('reconnecting');
    events.addEventListener('application-status', (event) => {
      const change = JSON.parse((event as MessageEvent<string>).data) as StatusChange;
      setApps((current) => {
        if (!current || !current.some((a) => a.name === change.application)) {
          void reload(); // a new Application: its card comes from the list
          return current;
        }
        return current.map((a) =>
          a.name === change.application
            ? {
                ...a,
                status: change.status,
                readyPods: change.readyPods ?? a.readyPods,
                desiredPods: change.desiredPods ?? a.desiredPods,
                statusReason: change.reason ?? undefined,
                statusChangedAt: change.changedAt ?? a.statusChangedAt,
              }
            : a,
        );
      });
    });
    return () => events.close();
  }, [base, reload]);

  const groups = useMemo(() => {
    const services = (apps ?? []).filter((a) => !a.backingService);
    const known = STATES.map((s) => ({
      title: s.status,
      apps: services.filter((a) => stateOf(a.status).status === s.status),
    }));
    const other = services.filter((a) => !STATES.some((s) => s.status === stateOf(a.status).status));
    return [...known, { title: 'Other', apps: other }].filter((g) => g.apps.length > 0);
  }, [apps]);
  const backing = (apps ?? []).filter((a) => a.backingService);

  return (
    <>
      <Stack direction="row" spacing={1} sx={{ mb: 2, alignItems: 'center' }}>
        <Chip
          size="small"
          data-testid="live-indicator"
          color={live === 'live' ? 'success' : 'default'}
          label={live === 'live' ? 'Live' : live === 'connecting' ? 'Connecting…' : 'Reconnecting…'}
        />
        <Typography variant="body2" color="text.secondary">
          {environment.type} · branch {environment.branch ?? '—'}
          {environment.regions && environment.regions.length > 0 ? ` · ${environment.regions.join(', ')}` : ''}
        </Typography>
      </Stack>
      {error && <Alert severity="error">The Applications could not be loaded: {error}</Alert>}
      {!apps && !error && <Skeleton variant="rounded" height={180} role="status" aria-label="Loading Applications" />}
      {apps && apps.length === 0 && (
        <Alert severity="info" data-testid="no-applications">
          Nothing is installed in {environment.name} yet. Pick something in the <Link href="/">marketplace</Link>.
        </Alert>
      )}
      {groups.map((group) => (
        <Section key={group.title} title={group.title} apps={group.apps} environment={environment} />
      ))}
      {backing.length > 0 && <Section title="Backing services" apps={backing} environment={environment} />}
    </>
  );
}

function Section({ title, apps, environment }: { title: string; apps: Application[]; environment: Environment }) {
  const id = `group-${title.replace(/\s+/g, '-').toLowerCase()}`;
  return (
    <Box component="section" aria-labelledby={id} sx={{ mb: 3 }} data-testid="status-group" data-group={title}>
      <Typography variant="h6" component="h2" id={id} sx={{ borderBottom: 1, borderColor: 'divider', mb: 1.5 }}>
        {title} ({apps.length})
      </Typography>
      <Grid container spacing={2}>
        {apps.map((app) => (
          <Grid key={app.name} size={{ xs: 12, sm: 6, md: 4 }}>
            <ApplicationCard app={app} environment={environment.name} regions={environment.regions} />
          </Grid>
        ))}
      </Grid>
    </Box>
  );
}
