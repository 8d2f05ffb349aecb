import { Suspense, lazy, useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Breadcrumbs,
  Button,
  Chip,
  Paper,
  Skeleton,
  Stack,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableRow,
  Typography,
} from '@mui/material';
import { ProblemError, get, type BlueprintDetail } from '../api';
import { Link } from '../router';
import { categoryLabel, iconOf } from '../components/blueprints';
import { ErrorBoundary } from '../components/ErrorBoundary';

// The schema form and its validator are a chunk of their own, loaded only on a Blueprint's page.
const ConfigForm = lazy(() => import('../components/ConfigForm'));

/** One Blueprint: what it is, its versions and what it brings along (dependencies). */
export function BlueprintDetailPage({ name }: { name: string }) {
  const [detail, setDetail] = useState<BlueprintDetail | undefined>(undefined);
  const [error, setError] = useState<ProblemError | Error | undefined>(undefined);

  useEffect(() => {
    const abort = new AbortController();
    setDetail(undefined);
    setError(undefined);
    get<BlueprintDetail>(`/api/v1/catalog/blueprints/${encodeURIComponent(name)}`, abort.signal)
      .then(setDetail)
      .catch((e: Error) => !abort.signal.aborted && setError(e));
    return () => abort.abort();
  }, [name]);

  useEffect(() => {
    document.title = `${detail?.title ?? name} · Catalyst`;
  }, [detail, name]);

  const breadcrumbs = (
    <Breadcrumbs aria-label="Breadcrumb" sx={{ mb: 2 }}>
      <Link href="/">Marketplace</Link>
      <Typography color="text.primary">{detail?.title ?? name}</Typography>
    </Breadcrumbs>
  );

  if (error) {
    const notFound = error instanceof ProblemError && error.problem.status === 404;
    return (
      <>
        {breadcrumbs}
        <Alert severity={notFound ? 'warning' : 'error'}>
          {notFound ? `There is no Blueprint named ${name}.` : `The Blueprint could not be loaded: ${error.message}`}
        </Alert>
      </>
    );
  }
  if (!detail) {
    return (
      <Box aria-busy="true" role="status" aria-label="Loading the Blueprint">
        {breadcrumbs}
        <Skeleton variant="text" width="40%" height={48} />
        <Skeleton variant="rounded" height={200} />
      </Box>
    );
  }

  const owner = typeof detail.owner === 'string' ? detail.owner : detail.owner?.team;
  return (
    <>
      {breadcrumbs}
      <Stack direction={{ xs: 'column', sm: 'row' }} spacing={2} sx={{ alignItems: { sm: 'center' }, mb: 2 }}>
        <Box aria-hidden sx={{ fontSize: 48 }}>
          {iconOf(detail)}
        </Box>
        <Box sx={{ flexGrow: 1 }}>
          <Typography variant="h4" component="h1">
            {detail.title ?? detail.name}
          </Typography>
          <Typography color="text.secondary">
            {detail.name} @ {detail.latestVersion}
            {owner ? ` · by ${owner}` : ''}
            {detail.license ? ` · ${detail.license}` : ''}
          </Typography>
        </Box>
        <Button variant="contained" size="large" href="/console">
          Get started
        </Button>
      </Stack>
      <Stack direction="row" spacing={1} sx={{ mb: 2, flexWrap: 'wrap', rowGap: 1 }}>
        {detail.category && <Chip label={categoryLabel(detail.category)} />}
        {(detail.tags ?? []).map((t) => (
          <Chip key={t} label={t} variant="outlined" size="small" />
        ))}
      </Stack>
      <Typography variant="body1" sx={{ mb: 3 }}>
        {detail.description ?? detail.summary}
      </Typography>

      <Stack direction={{ xs: 'column', md: 'row' }} spacing={3} sx={{ alignItems: 'flex-start' }}>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, width: '100%' }} component="section" aria-labelledby="deps">
          <Typography variant="h6" component="h2" id="deps" gutterBottom>
            Dependencies
          </Typography>
          {(detail.dependencies ?? []).length === 0 ? (
            <Typography color="text.secondary">None: it runs on its own.</Typography>
          ) : (
            <Box component="ul" sx={{ pl: 2, m: 0 }} data-testid="dependencies">
              {detail.dependencies!.map((d) => (
                <li key={d.alias ?? d.blueprint}>
                  <Link href={`/blueprints/${encodeURIComponent(d.blueprint)}`}>{d.blueprint}</Link>{' '}
                  <Typography component="span" variant="body2" color="text.secondary">
                    {d.version}
                    {d.resolvesTo ? ` → ${d.resolvesTo}` : ''}
                    {d.alias ? ` as ${d.alias}` : ''}
                    {d.when ? ` (when ${d.when})` : ''}
                  </Typography>
                </li>
              ))}
            </Box>
          )}
        </Paper>
        <Paper variant="outlined" sx={{ p: 2, flex: 1, width: '100%', overflowX: 'auto' }} component="section" aria-labelledby="versions">
          <Typography variant="h6" component="h2" id="versions" gutterBottom>
            Versions
          </Typography>
          <Table size="small" aria-labelledby="versions">
            <TableHead>
              <TableRow>
                <TableCell>Version</TableCell>
                <TableCell>Published</TableCell>
                <TableCell>Note</TableCell>
              </TableRow>
            </TableHead>
            <TableBody>
              {(detail.versions ?? []).map((v) => (
                <TableRow key={v.version}>
                  <TableCell>{v.version}</TableCell>
                  <TableCell>{v.publishedAt ? new Date(v.publishedAt).toLocaleDateString() : '—'}</TableCell>
                  <TableCell>{v.deprecation ? `Deprecated: ${v.deprecation}` : v.version === detail.latestVersion ? 'Latest' : ''}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Paper>
      </Stack>

      {detail.configSchema && Object.keys((detail.configSchema.properties as object) ?? {}).length > 0 && (
        <Paper variant="outlined" sx={{ p: 2, mt: 3 }} component="section" aria-labelledby="settings" data-testid="config-form">
          <Typography variant="h6" component="h2" id="settings" gutterBottom>
            Settings you will choose
          </Typography>
          <ErrorBoundary what="settings form">
            <Suspense fallback={<Skeleton variant="rounded" height={120} />}>
              <ConfigForm schema={detail.configSchema} id="config" />
            </Suspense>
          </ErrorBoundary>
        </Paper>
      )}

      {detail.readme && (
        <Paper variant="outlined" sx={{ p: 2, mt: 3 }} component="section" aria-labelledby="readme">
          <Typography variant="h6" component="h2" id="readme" gutterBottom>
            About
          </Typography>
          <Typography component="div" sx={{ whiteSpace: 'pre-wrap', fontSize: 15 }}>
            {detail.readme}
          </Typography>
        </Paper>
      )}
    </>
  );
}
