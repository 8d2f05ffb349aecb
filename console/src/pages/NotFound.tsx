import { Typography } from '@mui/material';
import { Link } from '../router';

export function NotFound() {
  return (
    <>
      <Typography variant="h4" component="h1" gutterBottom>
        Nothing here
      </Typography>
      <Typography>
        This page does not exist. <Link href="/">Back to the marketplace</Link>.
      </Typography>
    </>
  );
}
