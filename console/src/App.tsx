import { AppBar, Box, Button, Container, Toolbar, Typography } from '@mui/material';
import { Link, useLocation } from './router';
import { SIGN_IN_HREF, signOut, useMe } from './session';
import { Marketplace } from './pages/Marketplace';
import { BlueprintDetailPage } from './pages/BlueprintDetailPage';
import { EnvironmentView } from './pages/EnvironmentView';
import { NotFound } from './pages/NotFound';

export function App() {
  const location = useLocation();
  const me = useMe();
  const path = location.pathname;

  let page;
  let match: RegExpMatchArray | null;
  if (path === '/' || path === '/blueprints' || path === '/blueprints/') {
    page = <Marketplace location={location} />;
  } else if ((match = path.match(/^\/blueprints\/([^/]+)\/?$/))) {
    page = <BlueprintDetailPage name={decodeURIComponent(match[1])} />;
  } else if ((match = path.match(/^\/console(?:\/environments(?:\/([^/]+))?)?\/?$/))) {
    page = <EnvironmentView me={me} environment={match[1] ? decodeURIComponent(match[1]) : undefined} />;
  } else {
    page = <NotFound />;
  }

  return (
    <>
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <AppBar position="sticky" color="default" elevation={1}>
        <Toolbar sx={{ gap: 1, flexWrap: 'wrap' }}>
          <Typography variant="h6" component={Link} href="/" sx={{ color: 'inherit', textDecoration: 'none', mr: 2 }}>
            Catalyst
          </Typography>
          <Box component="nav" aria-label="Main" sx={{ display: 'flex', gap: 1, flexGrow: 1 }}>
            <Button component={Link} href="/" color="inherit">
              Marketplace
            </Button>
            {me && (
              <Button component={Link} href="/console" color="inherit">
                Environments
              </Button>
            )}
          </Box>
          {me === null && (
            <Button variant="contained" href={SIGN_IN_HREF}>
              Sign in
            </Button>
          )}
          {me && (
            <Box sx={{ display: 'flex', alignItems: 'center', gap: 1 }}>
              <Typography variant="body2" data-testid="signed-in-as">
                {me.displayName ?? me.email ?? me.phone}
                {me.organization ? ` · ${me.organization}` : ''}
              </Typography>
              <Button variant="outlined" onClick={() => void signOut()}>
                Sign out
              </Button>
            </Box>
          )}
        </Toolbar>
      </AppBar>
      <Container component="main" id="main" maxWidth="lg" sx={{ py: 3 }}>
        {page}
      </Container>
    </>
  );
}
