<section class="bonus bonus-widget-top" data-bonus-widget="top" data-kind="{kind}" aria-label="{{{ if isWeek }}}{{tx("bonus:widget.top.week")}}{{{ else }}}{{tx("bonus:widget.top.month")}}{{{ end }}}">
  {{{ if hasRows }}}
  <ol class="list-unstyled mb-2">
    {{{ each rows }}}
    <li class="d-flex justify-content-between gap-2" data-bonus="top-row"><span><span class="text-secondary">{./rank}.</span> <a href="{./userUrl}">{./username}</a></span><span class="text-secondary small text-nowrap">{{bonusPlural("bonus:posts.count", ./count)}}</span></li>
    {{{ end }}}
  </ol>
  {{{ else }}}
  <p class="mb-2 text-secondary" data-bonus="top-empty">{{{ if isWeek }}}{{tx("bonus:widget.top.empty-week")}}{{{ else }}}{{tx("bonus:widget.top.empty-month")}}{{{ end }}}</p>
  {{{ end }}}
  <p class="mb-0 small"><a href="{topUrl}" data-bonus="top-link"><i class="fa fa-trophy" aria-hidden="true"></i> {{tx("bonus:widget.top.all")}}</a></p>
</section>
