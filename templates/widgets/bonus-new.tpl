<section class="bonus bonus-widget-new" data-bonus-widget="new" aria-label="{{tx("bonus:widget.new.label")}}">
  {{{ if hasProducts }}}
  <ul class="list-unstyled mb-2">
    {{{ each products }}}
    <li class="d-flex justify-content-between gap-2" data-bonus="new-product"><a href="{./url}">{./title}</a><span class="text-secondary small text-nowrap">{{{ if ./isTopUp }}}{{tx("bonus:widget.new.top-up")}}{{{ else }}}{{bonusPlural("bonus:points.count", ./price)}}{{{ end }}}{{{ if !./available }}} · {{tx("bonus:widget.new.sold-out")}}{{{ end }}}</span></li>
    {{{ end }}}
  </ul>
  {{{ else }}}
  <p class="mb-2 text-secondary" data-bonus="new-empty">{{tx("bonus:widget.new.empty")}}</p>
  {{{ end }}}
  <p class="mb-0 small"><a href="{storeUrl}" data-bonus="store-link"><i class="fa fa-store" aria-hidden="true"></i> {{tx("bonus:widget.new.all")}}</a></p>
</section>
