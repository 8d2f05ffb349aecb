import { useEffect, useState } from 'react';
import {
  Alert,
  Box,
  Card,
  CardActionArea,
  CardContent,
  Chip,
  Grid,
  InputAdornment,
  Skeleton,
  Stack,
  TextField,
  Typography,
} from '@mui/material';
import { get, type BlueprintCard, type BlueprintSearch, type Facet } from '../api';
import { navigate } from '../router';
import { categoryLabel, iconOf } from '../components/blueprints';

/** The marketplace: every listed Blueprint as a card, searchable, filtered by category (bundles are one). */
export function Marketplace({ location }: { location: URL }) {
  const q = location.searchParams.get('q') ?? '';
  const category = location.searchParams.get('category') ?? '';
  const [query, setQuery] = useState(q);
  const [result, setResult] = useState<BlueprintSearch | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);

  // Typing updates the address (so a search can be shared and Back works) after a short pause.
  useEffect(() => {
    if (query === q) return;
    const t = setTimeout(() => navigate(hrefOf(query, category), true), 250);
    return () => clearTimeout(t);
  }, [query, q, category]);

  useEffect(() => {
    const abort = new AbortController();
    const params = new URLSearchParams({ size: '100' });
    if (q) params.set('q', q);
    if (category) params.set('category', category);
    setResult(undefined);
    setError(undefined);
    get<BlueprintSearch>(`/api/v1/catalog/blueprints?${params}`, abort.signal)
      .then(setResult)
      .catch((e: Error) => !abort.signal.aborted && setError(e.message));
    return () => abort.abort();
  }, [q, category]);

  const categories: Facet[] = result?.facets?.categories ?? [];
  return (
    <>
      <Typography variant="h4" component="h1" gutterBottom>
        Marketplace
      </Typography>
      <Typography color="text.secondary" sx={{ mb: 2 }}>
        Apps and bundles you can run in your Organization's Environments.
      </Typography>
      <Stack spacing={2} sx={{ mb: 3 }}>
        <TextField
          id="marketplace-search"
          label="Search the marketplace"
          placeholder="pharmacy, chat, ERP…"
          type="search"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          fullWidth
          slotProps={{ input: { startAdornment: <InputAdornment position="start">🔎</InputAdornment> } }}
        />
        <Box role="group" aria-label="Categories" sx={{ display: 'flex', gap: 1, flexWrap: 'wrap' }}>
          <Chip
            label="All"
            clickable
            color={category === '' ? 'primary' : 'default'}
            aria-pressed={category === ''}
            onClick={() => navigate(hrefOf(query, ''))}
          />
          {categories.map((c) => (
            <Chip
              key={c.value}
              label={`${categoryLabel(c.value)} (${c.count})`}
              clickable
              color={category === c.value ? 'primary' : 'default'}
              aria-pressed={category === c.value}
              onClick={() => navigate(hrefOf(query, category === c.value ? '' : c.value))}
            />
          ))}
        </Box>
      </Stack>

      {error && <Alert severity="error">The marketplace could not be loaded: {error}</Alert>}
      {!error && !result && <LoadingGrid />}
      {result && result.items.length === 0 && (
        <Alert severity="info" role="status">
          No Blueprint matches {q ? `“${q}”` : 'this filter'}. Try fewer words or another category.
        </Alert>
      )}
      {result && result.items.length > 0 && (
        <>
          <Typography role="status" variant="body2" color="text.secondary" sx={{ mb: 1 }} data-testid="result-count">
            {result.total} {result.total === 1 ? 'Blueprint' : 'Blueprints'}
          </Typography>
          <Grid container spacing={2} component="ul" aria-label="Blueprints" sx={{ listStyle: 'none', p: 0, m: 0 }}>
            {result.items.map((card) => (
              <Grid key={card.name} size={{ xs: 12, sm: 6, md: 4 }} component="li">
                <BlueprintTile card={card} />
              </Grid>
            ))}
          </Grid>
        </>
      )}
    </>
  );
}

function hrefOf(q: string, category: string): string {
  const params = new URLSearchParams();
  if (q) params.set('q', q);
  if (category) params.set('category', category);
  const s = params.toString();
  return s ? `/?${s}` : '/';
}

function BlueprintTile({ card }: { card: BlueprintCard }) {
  const href = `/blueprints/${encodeURIComponent(card.name)}`;
  return (
    <Card variant="outlined" sx={{ height: '100%' }} data-testid="blueprint-card" data-blueprint={card.name}>
      <CardActionArea
        href={href}
        onClick={(e) => {
          e.preventDefault();
          navigate(href);
        }}
        sx={{ height: '100%', alignItems: 'stretch' }}
      >
        <CardContent>
          <Stack direction="row" spacing={1.5} sx={{ alignItems: 'center', mb: 1 }}>
            <Box aria-hidden sx={{ fontSize: 28 }}>
              {iconOf(card)}
            </Box>
            <Box sx={{ minWidth: 0 }}>
              <Typography variant="h6" component="h2" noWrap>
                {card.title ?? card.name}
              </Typography>
              <Typography variant="caption" color="text.secondary">
                {card.name}
                {card.latestVersion ? ` · ${card.latestVersion}` : ''}
              </Typography>
            </Box>
          </Stack>
          <Typography variant="body2" color="text.secondary" sx={{ mb: 1.5, minHeight: 40 }}>
            {card.summary}
          </Typography>
          <Stack direction="row" spacing={1} sx={{ flexWrap: 'wrap', rowGap: 1 }}>
            {card.category && <Chip size="small" label={categoryLabel(card.category)} />}
            {(card.installs ?? 0) > 0 && <Chip size="small" variant="outlined" label={`${card.installs} installs`} />}
          </Stack>
        </CardContent>
      </CardActionArea>
    </Card>
  );
}

function LoadingGrid() {
  return (
    <Grid container spacing={2} aria-busy="true" role="status" aria-label="Loading Blueprints">
      {Array.from({ length: 6 }, (_, i) => (
        <Grid key={i} size={{ xs: 12, sm: 6, md: 4 }}>
          <Skeleton variant="rounded" height={150} />
        </Grid>
      ))}
    </Grid>
  );
}
