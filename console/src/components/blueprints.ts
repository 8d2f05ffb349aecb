import type { BlueprintCard } from '../api';

const CATEGORY_LABELS: Record<string, string> = { composite: 'Bundles' };

/** Category names as the catalog files them; `composite` (a Blueprint of Blueprints) is a bundle to a buyer. */
export function categoryLabel(category: string): string {
  return CATEGORY_LABELS[category] ?? category.charAt(0).toUpperCase() + category.slice(1);
}

const ICONS: Record<string, string> = {
  bundle: '📦',
  composite: '📦',
  database: '🗄️',
  cms: '🌐',
  chat: '💬',
  communication: '💬',
  erp: '🏪',
  business: '💼',
  mail: '✉️',
  storage: '💾',
  monitoring: '📈',
  analytics: '📊',
  automation: '⚙️',
  identity: '🔐',
  devtools: '🛠️',
};

export function iconOf(card: Pick<BlueprintCard, 'icon' | 'category'>): string {
  return ICONS[card.icon ?? ''] ?? ICONS[card.category ?? ''] ?? '🧩';
}
